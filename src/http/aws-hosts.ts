// The host families of docs/protocol.md §1: the only places awssso talks to, besides
// loopback endpoints the user configured. Kept as patterns so the allow-list reads like the table.

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';

const AWS_HOST_PATTERNS: RegExp[] = [
  // access portals: d-xxxxxxxxxx.awsapps.com, <alias>.awsapps.com, start.us-gov-home.awsapps.com, China
  /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.awsapps\.(?:com|cn)$/,
  // newer portals: ssoins-<16hex>.portal.<region>.app.aws
  new RegExp(`^[a-z0-9-]+\\.portal\\.${REGION}\\.app\\.aws$`),
  // portal API and OIDC, commercial, dual-stack, FIPS and China
  new RegExp(`^(?:portal\\.sso|portal\\.sso-fips|oidc|oidc-fips)\\.${REGION}\\.(?:amazonaws\\.com|api\\.aws|amazonaws\\.com\\.cn)$`),
  // sign-in workflow
  new RegExp(`^${REGION}\\.(?:sso\\.)?signin\\.aws$`),
  // console federation: global, regional, China, GovCloud
  new RegExp(`^(?:${REGION}\\.)?signin\\.(?:aws\\.amazon\\.com|amazonaws\\.cn|amazonaws-us-gov\\.com)$`),
];

/** Host names as URL.hostname gives them: lower case, IPv6 in brackets. */
export function isAwsHost(hostname: string): boolean {
  return AWS_HOST_PATTERNS.some((pattern) => pattern.test(hostname));
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** The hosts that may serve the sign-in workflow for an instance in `region`. */
export function isSigninHost(hostname: string, region: string): boolean {
  return hostname === `${region}.signin.aws` || hostname === `${region}.sso.signin.aws`;
}

/** The AWS region format: partition, area, number (us-east-1, us-gov-west-1, cn-north-1). */
export const isAwsRegion = (region: string): boolean => new RegExp(`^${REGION}$`).test(region);

const REGIONAL_HOSTS = [
  new RegExp(`^[a-z0-9-]+\\.portal\\.(${REGION})\\.app\\.aws$`),
  new RegExp(`^(?:portal\\.sso|portal\\.sso-fips|oidc|oidc-fips)\\.(${REGION})\\.`),
  new RegExp(`^(${REGION})\\.(?:sso\\.)?signin\\.aws$`),
];

/** The region an AWS host names (a newer portal, the portal API, OIDC, the sign-in host), if it names one. */
export function regionOfHost(hostname: string): string | undefined {
  for (const pattern of REGIONAL_HOSTS) {
    const region = pattern.exec(hostname)?.[1];
    if (region) return region;
  }
  return undefined;
}
