// Where each service lives for a region, the AWS way: the documented hosts unless the
// AWS_ENDPOINT_URL_* (or awssso's own) variable points elsewhere (docs/protocol.md §1).
import { ConfigError } from '../errors.js';
import { isLoopbackHost } from './aws-hosts.js';

type Env = Record<string, string | undefined>;

const stripSlash = (url: string) => url.replace(/\/+$/, '');

const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWSSSO_FEDERATION_ENDPOINT'] as const;

/** The endpoint variable's value when set; a ConfigError naming the variable when it is not an http(s) URL. */
function endpointVariable(env: Env, name: (typeof ENDPOINT_VARIABLES)[number]): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) throw new ConfigError(`${name} is not a URL: ${value}`);
  return value;
}

function partitionSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** The portal API (login bootstrap, sso-token, accounts, roles, credentials). */
export function portalEndpoint(region: string, env: Env = process.env): string {
  return stripSlash(endpointVariable(env, 'AWS_ENDPOINT_URL_SSO') ?? `https://portal.sso.${region}.${partitionSuffix(region)}`);
}

export function oidcEndpoint(region: string, env: Env = process.env): string {
  return stripSlash(endpointVariable(env, 'AWS_ENDPOINT_URL_SSO_OIDC') ?? `https://oidc.${region}.${partitionSuffix(region)}`);
}

/** The console federation endpoint, full URL including /federation. */
export function federationEndpoint(region: string, env: Env = process.env): string {
  const set = endpointVariable(env, 'AWSSSO_FEDERATION_ENDPOINT');
  if (set) return set;
  if (region.startsWith('cn-')) return `https://${region}.signin.amazonaws.cn/federation`;
  if (region.startsWith('us-gov-')) return `https://${region}.signin.amazonaws-us-gov.com/federation`;
  if (region === 'us-east-1') return 'https://signin.aws.amazon.com/federation';
  return `https://${region}.signin.aws.amazon.com/federation`;
}

/**
 * Origins the user configured besides the AWS host families: the endpoint overrides and a
 * loopback start URL. This is what createHttp's extraAllowedOrigins wants.
 */
export function configuredOrigins(startUrl: string, env: Env = process.env): string[] {
  const urls = [...ENDPOINT_VARIABLES.map((name) => endpointVariable(env, name)), startUrl];
  return [...new Set(urls.filter((url): url is string => Boolean(url)).map((url) => new URL(url).origin))];
}

const INSTANCE_ID = /^ssoins-[0-9a-f]{16}$/;

/**
 * Parses and checks a start URL: https on *.awsapps.com / *.awsapps.cn or
 * ssoins-<16 hex>.portal.<region>.app.aws, or any path on a loopback host (emulator, tests).
 */
function parseStartUrl(startUrl: string): URL {
  const fail = () => new ConfigError(`not an IAM Identity Center start URL: ${startUrl}`);
  let url: URL;
  try {
    url = new URL(startUrl);
  } catch {
    throw fail();
  }
  const host = url.hostname;
  if (isLoopbackHost(host) && (url.protocol === 'http:' || url.protocol === 'https:')) return url;
  if (url.protocol !== 'https:' || url.username || url.password) throw fail();
  if (/^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.awsapps\.(?:com|cn)$/.test(host)) return url;
  const label = host.split('.')[0]!;
  if (INSTANCE_ID.test(label) && /^[a-z0-9-]+\.portal\.[a-z0-9-]+\.app\.aws$/.test(host)) return url;
  throw fail();
}

/** Returns the start URL unchanged when it is one; ConfigError in one line when not. */
export function validateStartUrl(startUrl: string): string {
  parseStartUrl(startUrl);
  return startUrl;
}

/** The query parameter that names the directory in `GET {portal}/login`. */
export type DirectoryParam = { name: 'directory_id' | 'idc_instance_id'; value: string };

/**
 * d-xxxxxxxxxx or the alias from https://<it>.awsapps.com/start (or /directory/<it> on
 * GovCloud's shared start host), idc_instance_id for ssoins- portals, undefined on loopback.
 */
export function directoryFromStartUrl(startUrl: string): DirectoryParam | undefined {
  const url = parseStartUrl(startUrl);
  if (isLoopbackHost(url.hostname)) return undefined;
  const label = url.hostname.split('.')[0]!;
  if (INSTANCE_ID.test(label)) return { name: 'idc_instance_id', value: label };
  const fromPath = /\/directory\/([^/?#]+)/.exec(url.pathname)?.[1];
  if (fromPath) return { name: 'directory_id', value: fromPath };
  if (label === 'start') throw new ConfigError(`cannot tell the directory from start URL ${startUrl}`);
  return { name: 'directory_id', value: label };
}
