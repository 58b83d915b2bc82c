// `awssso sso-login`: a refreshable SSO token for AWS CLI v2 and the SDKs, approved over HTTP with
// the profile's portal session (docs/protocol.md §6, §8). awssso registers its own public client,
// starts a PKCE authorization, approves it, and reads the code from the Location of the final
// redirect to 127.0.0.1 (no port is opened); where /authorize is not served, the device flow.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { OidcClient, OidcToken } from '../http/oidc.js';
import type { RunOptions } from './run-options.js';
import type { PortalAccess } from './portal-access.js';
import { AwsssoError, SignInRejected } from '../errors.js';
import { AwsServiceError } from '../http/aws-errors.js';
import { oidcEndpoint } from '../http/endpoints.js';
import { isoSeconds } from '../output/process-json.js';
import { cachedRegistration, type Registration } from '../store/oidc-registration.js';
import { readSsoToken, ssoTokenPath, writeSsoToken, type SsoTokenFile } from '../store/sso-token-cache.js';
import { writeSsoConfig, type SsoProfileSection } from '../store/aws-config.js';
import { oidcClientFor } from './approve.js';

const SSO_SCOPES = ['sso:account:access'];
/** Registered as is; the port-less loopback URI is the one AWS CLI registers too. */
const REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
/** botocore refreshes below 15 minutes left: a token with less is not worth keeping. */
const MIN_LEFT_MS = 15 * 60_000;

export interface SsoLoginOptions {
  sessionName: string;
  /** write [sso-session NAME] into the AWS config file */
  writeConfig: boolean;
  /** and a profile per account and role */
  profiles: boolean;
  /** a new token even when the file holds a good one */
  force: boolean;
}

export interface SsoLoginResult {
  how: 'kept' | 'refreshed' | 'pkce' | 'device';
  tokenFile: string;
  /** epoch ms */
  expiresAt: number;
  configFile?: string;
  profiles?: number;
}

const pkcePair = () => {
  const verifier = randomBytes(48).toString('base64url'); // 64 characters of [A-Za-z0-9_-]
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

async function viaPkce(run: RunOptions, access: PortalAccess, oidc: OidcClient, endpoint: string): Promise<{ token: OidcToken; reg: Registration }> {
  const reg = await cachedRegistration(`pkce ${endpoint} ${SSO_SCOPES.join(' ')}`, () => oidc.registerClient({
    clientName: 'awssso', scopes: SSO_SCOPES, grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [REDIRECT_URI], issuerUrl: run.profile.url,
  }), run.env);
  const { verifier, challenge } = pkcePair();
  const state = randomUUID();
  const query = new URLSearchParams({
    response_type: 'code', client_id: reg.clientId, redirect_uri: REDIRECT_URI, state,
    code_challenge_method: 'S256', scopes: SSO_SCOPES.join(' '), code_challenge: challenge,
  });
  const callback = await access.withToken(async (portalToken) =>
    oidc.approveAuthorization(await oidc.openAuthorization(`${endpoint}/authorize?${query}`, portalToken, run.profile.url), portalToken));
  const code = callback.searchParams.get('code');
  if (callback.searchParams.get('state') !== state || !code) throw new AwsssoError('the authorization came back for another request (state differs); try again');
  const token = await oidc.createToken({ ...reg, grantType: 'authorization_code', code, redirectUri: REDIRECT_URI, codeVerifier: verifier });
  return { token, reg };
}

async function viaDeviceCode(run: RunOptions, access: PortalAccess, oidc: OidcClient, endpoint: string): Promise<{ token: OidcToken; reg: Registration }> {
  const { OidcError } = await import('../http/oidc.js');
  const reg = await cachedRegistration(`device ${endpoint} ${SSO_SCOPES.join(' ')}`,
    () => oidc.registerClient({ clientName: 'awssso', scopes: SSO_SCOPES }), run.env);
  const device = await oidc.startDeviceAuthorization({ ...reg, startUrl: run.profile.url });
  await access.withToken(async (portalToken) => oidc.associateDeviceCode(await oidc.acceptUserCode(device.userCode, portalToken), portalToken));
  let interval = device.interval || 5;
  const deadline = Date.now() + device.expiresIn * 1000;
  for (;;) {
    try {
      return { token: await oidc.createToken({ ...reg, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode }), reg };
    } catch (err) {
      if (!(err instanceof OidcError) || !['authorization_pending', 'slow_down'].includes(err.error) || Date.now() > deadline) throw err;
      if (err.error === 'slow_down') interval += 5; // RFC 8628 §3.5
    }
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
  }
}

/** A new token: PKCE, or the device flow where the OIDC endpoint serves no /authorize. */
async function newToken(run: RunOptions, access: PortalAccess, oidc: OidcClient): Promise<{ token: OidcToken; reg: Registration; how: 'pkce' | 'device' }> {
  const endpoint = oidcEndpoint(run.profile.region, run.env);
  try {
    return { ...(await viaPkce(run, access, oidc, endpoint)), how: 'pkce' };
  } catch (err) {
    if (!(err instanceof AwsServiceError && err.aws.status === 404)) throw err;
    run.progress.step('The OIDC endpoint serves no /authorize; approving a device code instead');
    return { ...(await viaDeviceCode(run, access, oidc, endpoint)), how: 'device' };
  }
}

/** A refresh with the file's own client, or undefined when it cannot be refreshed. */
async function refreshed(oidc: OidcClient, file: SsoTokenFile): Promise<{ token: OidcToken; reg: Registration } | undefined> {
  const { clientId, clientSecret, refreshToken, registrationExpiresAt } = file;
  if (!clientId || !clientSecret || !refreshToken || !registrationExpiresAt || Date.parse(registrationExpiresAt) <= Date.now()) return undefined;
  const { OidcError } = await import('../http/oidc.js');
  try {
    const token = await oidc.createToken({ clientId, clientSecret, grantType: 'refresh_token', refreshToken });
    return { token, reg: { clientId, clientSecret, clientSecretExpiresAt: Date.parse(registrationExpiresAt) / 1000 } };
  } catch (err) {
    if (err instanceof OidcError) return undefined; // an ended grant: approve a new one
    throw err;
  }
}

/** Profiles for every role: `<account name>.<role>`, the account id where names repeat. */
async function profileSections(run: RunOptions, access: PortalAccess): Promise<SsoProfileSection[]> {
  const [accounts, roles] = await access.call(async (portal) => {
    const listed = await portal.listAccounts();
    return [listed, await portal.listAllRoles(listed)] as const;
  });
  const label = (id: string) => accounts.find((a) => a.accountId === id)?.accountName.replace(/[^\w.-]+/g, '-') || id;
  const names = roles.map((r) => `${label(r.accountId)}.${r.roleName}`);
  return roles.map((r, i) => ({
    name: names.indexOf(names[i]!) === names.lastIndexOf(names[i]!) ? names[i]! : `${r.accountId}.${r.roleName}`,
    accountId: r.accountId, roleName: r.roleName, region: run.profile.region,
  }));
}

/** The token file as it should end up: kept while good, else refreshed, else approved anew. */
async function ensureToken(run: RunOptions, access: PortalAccess, oidc: OidcClient, opts: SsoLoginOptions): Promise<SsoLoginResult> {
  const { profile } = run;
  const file = await readSsoToken(opts.sessionName);
  if (file && file.startUrl !== profile.url) {
    throw new SignInRejected(`sso-session ${opts.sessionName} belongs to ${file.startUrl}, not profile ${profile.name}'s ${profile.url}; use --sso-session with another name`);
  }
  if (file && !opts.force && Date.parse(file.expiresAt) - Date.now() > MIN_LEFT_MS) {
    return { how: 'kept', tokenFile: ssoTokenPath(opts.sessionName), expiresAt: Date.parse(file.expiresAt) };
  }
  const renewed = file && !opts.force ? await refreshed(oidc, file) : undefined;
  const { token, reg, how } = renewed ? { ...renewed, how: 'refreshed' as const } : await newToken(run, access, oidc);
  const expiresAt = Date.now() + token.expiresIn * 1000;
  const tokenFile = await writeSsoToken(opts.sessionName, {
    startUrl: profile.url, region: profile.region, accessToken: token.accessToken, expiresAt: isoSeconds(expiresAt),
    clientId: reg.clientId, clientSecret: reg.clientSecret, registrationExpiresAt: isoSeconds(reg.clientSecretExpiresAt * 1000),
    ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
  });
  return { how, tokenFile, expiresAt };
}

export async function ssoLogin(run: RunOptions, access: PortalAccess, opts: SsoLoginOptions): Promise<SsoLoginResult> {
  const result = await ensureToken(run, access, await oidcClientFor(run, access), opts);
  if (!opts.writeConfig && !opts.profiles) return result;
  const sections = opts.profiles ? await profileSections(run, access) : [];
  const { profile } = run;
  const configFile = await writeSsoConfig({ name: opts.sessionName, startUrl: profile.url, region: profile.region, scopes: SSO_SCOPES }, sections, run.env);
  return { ...result, configFile, profiles: sections.length };
}
