// One emulator, a signed-in portal session and a temp AWS home with an SSO profile: what
// every aws-clients test starts from.
import { createHash } from 'node:crypto';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { oidcDeviceToken, signInToEmulator, type OidcDeviceToken } from '../helpers/portal-session.js';
import { cacheTimestamp, createAwsHome, type AwsHome } from './aws-home.js';

/** The demo directory's first account and one of its roles (test/emulator/README.md). */
export const account = '111122223333';
export const role = 'ReadOnlyAccess';
export const profile = 'dev';

export interface Setup {
  emu: RunningEmulator;
  home: AwsHome;
  /** environment for botocore/awscli v1/JS SDK: the temp home, endpoints on the emulator */
  env: NodeJS.ProcessEnv;
  portalToken: string;
}

export async function setUp(opts: { scenario?: Scenario; stsEndpoint?: string } = {}): Promise<Setup> {
  const emu = await startEmulator(opts);
  try {
    const portalToken = await signInToEmulator(emu);
    const home = await createAwsHome({
      startUrl: emu.startUrl,
      region: emu.region,
      scopes: 'sso:account:access',
      profiles: [{ name: profile, accountId: account, roleName: role }],
    });
    const env = home.env({ AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url });
    return { emu, home, env, portalToken };
  } catch (error) {
    await emu.close();
    throw error;
  }
}

/** Puts the portal session in the SSO token cache, as a tool that signed in would. */
export async function cachePortalSession(s: Setup): Promise<void> {
  await s.home.writeTokenCache({
    startUrl: s.emu.startUrl,
    region: s.emu.region,
    accessToken: s.portalToken,
    expiresAt: cacheTimestamp(Date.now() + 8 * 3600_000),
  });
}

/**
 * Gets an OIDC token (with a refresh token) through the device flow and caches it as already
 * expired, with its client registration: the next SSO client must refresh it first.
 */
export async function cacheExpiredOidcToken(s: Setup): Promise<OidcDeviceToken> {
  const issued = await oidcDeviceToken(s.emu, s.portalToken);
  if (!issued.refreshToken) throw new Error('the emulator issued no refresh token for sso:account:access');
  await s.home.writeTokenCache({
    startUrl: s.emu.startUrl,
    region: s.emu.region,
    accessToken: issued.accessToken,
    expiresAt: cacheTimestamp(Date.now() - 60_000),
    clientId: issued.clientId,
    clientSecret: issued.clientSecret,
    registrationExpiresAt: cacheTimestamp(issued.clientSecretExpiresAt * 1000),
    refreshToken: issued.refreshToken,
  });
  return issued;
}

export async function tearDown(setup: Setup | undefined): Promise<void> {
  await setup?.home.remove();
  await setup?.emu.close();
}

/** The request log's `session` tag of a token: first 8 hex of its sha256 (the emulator README's request log). */
export const sessionTag = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 8);

export const ops = (emu: RunningEmulator, op: string) => emu.requests.filter((entry) => entry.op === op);
