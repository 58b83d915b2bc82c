// The recorded flows: each is run against the live emulator to record it (record.ts) and
// against its recording to test the client (test/http/recordings.test.ts). A flow returns an
// outcome that must be the same both ways and equal to `expect`.
import type { Got } from 'got';
import type { RetryPolicy } from '../../src/http/retry.js';
import { OidcClient, OidcError } from '../../src/http/oidc.js';
import { PortalClient, sessionFor } from '../../src/http/portal.js';
import { signInOverHttp } from '../../src/signin/http/sign-in-over-http.js';
import { AwsssoError } from '../../src/errors.js';
import { HandOver } from '../../src/signin/contract.js';
import type { Scenario } from '../emulator/server.js';
import { DEMO_USER, signInContext, wrongTotp, type Target } from '../http/emulator-kit.js';

export interface FlowEnv {
  http: Got;
  target: Target;
  /** a portal session made outside the recording (live) or a stand-in token (replay) */
  portalToken(): Promise<string>;
  /** live: every portal session becomes invalid; replay: nothing (the recording has the 401) */
  revokeSessions(): void;
  /** the flow adds every secret it handles, so the recording can be checked for them */
  secrets: string[];
}

export type Outcome = Record<string, unknown>;

export interface Flow {
  name: string;
  description: string;
  scenario?: Scenario;
  retry?: RetryPolicy;
  run(env: FlowEnv): Promise<Outcome>;
  expect: Outcome;
}

/** An error as a flow reports it: class, hand-over reason, one-line message. */
async function failure(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
    return { error: 'none' };
  } catch (error) {
    if (!(error instanceof AwsssoError)) throw error;
    return { error: error.name, ...(error instanceof HandOver ? { reason: error.reason } : {}), message: error.message };
  }
}

/** A sign-in as awssso makes it: the HTTP method, then whoAmI for how long the session lasts (src/auth/portal-access.ts). */
async function signInAndAskExpiry(env: FlowEnv, ctx: ReturnType<typeof signInContext>['ctx']): Promise<string> {
  const token = await signInOverHttp(ctx);
  env.secrets.push(token);
  await sessionFor(env.http, env.target.url, token);
  return token;
}

async function signIn(env: FlowEnv, overrides: Parameters<typeof signInContext>[2] = {}) {
  const { ctx, asked } = signInContext(env.target, env.http, overrides);
  return { token: await signInAndAskExpiry(env, ctx), asked };
}

/** The demo user's sign-in in `scenario`, which the HTTP method hands over. */
function handedOver(name: string, description: string, scenario: Scenario, expect: { reason: string; message: string }): Flow {
  return {
    name, description, scenario,
    run: async (env) => failure(signInOverHttp(signInContext(env.target, env.http).ctx)),
    expect: { error: 'HandOver', ...expect },
  };
}

const NEW_PASSWORD = 'N3w-Passw0rd!';
const WRONG_PASSWORD = 'Wrong-Passw0rd!';

export const flows: Flow[] = [
  {
    name: 'signin-totp',
    description: 'Sign-in with username, password and a TOTP code (demo directory), then whoAmI.',
    run: async (env) => {
      const { asked } = await signIn(env);
      return { signedIn: true, mfaAsked: asked.mfa };
    },
    expect: { signedIn: true, mfaAsked: ['TOTP'] },
  },
  {
    name: 'signin-trusted-device',
    description: 'Two sign-ins with one cookie jar: the first remembers the device at MFA, the second skips MFA.',
    // without the sign-in host's own session, which would skip the password too
    scenario: { signinHostSession: false },
    run: async (env) => {
      const first = await signIn(env);
      const second = await signIn(env);
      return { mfaAsked: [first.asked.mfa, second.asked.mfa] };
    },
    expect: { mfaAsked: [['TOTP'], []] },
  },
  {
    name: 'signin-wrong-password',
    description: 'A wrong password: AUTHENTICATION_FAILED (nested error body), sent once and handed over: over HTTP it is ambiguous (docs/protocol.md §9).',
    run: async (env) => {
      env.secrets.push(WRONG_PASSWORD);
      const { ctx } = signInContext(env.target, env.http, { password: async () => WRONG_PASSWORD });
      return failure(signInAndAskExpiry(env, ctx));
    },
    expect: {
      error: 'HandOver', reason: 'refused',
      message: "the sign-in refused step `get-password` (HTTP 400, AUTHENTICATION_FAILED: Something doesn't compute: We couldn't verify your sign-in credentials. Please try again.)",
    },
  },
  {
    name: 'signin-wrong-mfa-code',
    description: 'A wrong TOTP code from a stored seed at the guessed get-mfa step: AUTHENTICATION_FAILED, not retried, handed over.',
    run: async (env) => {
      const { ctx, asked } = signInContext(env.target, env.http, { codes: wrongTotp });
      return { ...(await failure(signInAndAskExpiry(env, ctx))), mfaAsked: asked.mfa };
    },
    expect: {
      error: 'HandOver', reason: 'refused', mfaAsked: ['TOTP'],
      message: "the sign-in refused step `get-mfa` (HTTP 400, AUTHENTICATION_FAILED: Something doesn't compute: We couldn't verify your sign-in credentials. Please try again.)",
    },
  },
  {
    name: 'signin-captcha',
    description: 'The sign-in answers get-identity-user with a captcha: hand-over to the browser.',
    scenario: { challenge: 'captcha' },
    run: async (env) => {
      const { ctx, asked } = signInContext(env.target, env.http);
      return { ...(await failure(signInAndAskExpiry(env, ctx))), passwordAsked: asked.password };
    },
    expect: { error: 'HandOver', reason: 'captcha', message: 'the sign-in shows a captcha, which needs a person at a browser', passwordAsked: 0 },
  },
  handedOver('signin-unknown-step',
    'After the password the sign-in asks for a step awssso does not know: hand-over to the browser.',
    { challenge: 'unknown-step' },
    { reason: 'unknown-step', message: 'the sign-in asked for step `confirm-account-notice`, which awssso does not know' }),
  handedOver('signin-firewall',
    'The firewall answers get-password with a challenge (HTTP 202, x-amzn-waf-action): hand-over to the browser.',
    { firewall: { action: 'challenge', step: 'get-password' } },
    { reason: 'firewall', message: "the sign-in's firewall answered step `get-password` with a challenge (HTTP 202), which needs a browser" }),
  {
    name: 'signin-not-ready',
    description: 'The portal answers the token exchange "not authorized" (HTTP 200, no token) once, then the token.',
    scenario: { ssoTokenNotReady: 1 },
    run: async (env) => {
      await signIn(env);
      return { signedIn: true };
    },
    expect: { signedIn: true },
  },
  {
    name: 'signin-change-password',
    description: 'First sign-in with an admin-issued password: the user chooses a new one, then MFA.',
    scenario: { users: [{ ...DEMO_USER, mustChangePassword: true }] },
    run: async (env) => {
      env.secrets.push(NEW_PASSWORD);
      const { asked } = await signIn(env, { newPassword: async () => NEW_PASSWORD });
      return { signedIn: true, newPasswordAsked: asked.newPassword, mfaAsked: asked.mfa };
    },
    expect: { signedIn: true, newPasswordAsked: 1, mfaAsked: ['TOTP'] },
  },
  {
    name: 'device-approval',
    description: 'OIDC device authorization approved with a portal session (accept_user_code, associate_token), then the token.',
    run: async (env) => {
      const oidc = new OidcClient(env.http, env.target.url);
      const portalToken = await env.portalToken();
      const client = await oidc.registerClient({ clientName: 'awssso', scopes: ['sso:account:access'] });
      const device = await oidc.startDeviceAuthorization({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: env.target.startUrl });
      env.secrets.push(client.clientSecret, device.deviceCode);
      const grant = { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code' as const, deviceCode: device.deviceCode };
      const pending = await oidc.createToken(grant).then(() => 'none', (e: unknown) => (e instanceof OidcError ? e.error : String(e)));
      await oidc.associateDeviceCode(await oidc.acceptUserCode(device.userCode, portalToken), portalToken);
      const token = await oidc.createToken(grant);
      env.secrets.push(token.accessToken, ...(token.refreshToken ? [token.refreshToken] : []));
      return { pending, tokenType: token.tokenType, refreshToken: Boolean(token.refreshToken) };
    },
    expect: { pending: 'authorization_pending', tokenType: 'Bearer', refreshToken: true },
  },
  {
    name: 'listing-pagination',
    description: 'ListAccounts over three pages (230 accounts, 100 a page), then ListAccountRoles of the first.',
    scenario: { accounts: 230, rolesPerAccount: 3 },
    run: async (env) => {
      const portal = new PortalClient(env.http, env.target.url, await env.portalToken());
      const accounts = await portal.listAccounts();
      const roles = await portal.listRoles(accounts[0]!.accountId);
      return { accounts: accounts.length, first: accounts[0], last: accounts.at(-1)?.accountId, roles: roles.map((r) => r.roleName) };
    },
    expect: {
      accounts: 230,
      first: { accountId: '100000000001', accountName: 'account-1', emailAddress: 'aws-account-1@example.com' },
      last: '100000000230',
      roles: ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess'],
    },
  },
  {
    name: 'listing-throttled',
    description: 'ListAccountRoles limited to one call a second: 429 TooManyRequestsException answers are retried with backoff until every account is listed.',
    scenario: { throttle: { perSecond: 1, operations: ['ListAccountRoles'] } },
    retry: { limit: 8, baseDelayMs: 300 },
    run: async (env) => {
      const portal = new PortalClient(env.http, env.target.url, await env.portalToken());
      // one account at a time: a replay serves requests in the recorded order
      const roles = await portal.listAllRoles(await portal.listAccounts(), { concurrency: 1 });
      return { roles: roles.map((r) => `${r.accountId}/${r.roleName}`) };
    },
    expect: {
      roles: [
        '111122223333/AdministratorAccess', '111122223333/ReadOnlyAccess',
        '444455556666/AdministratorAccess', '444455556666/PowerUserAccess', '444455556666/ReadOnlyAccess',
        '777788889999/ReadOnlyAccess', '777788889999/BillingAccess',
      ],
    },
  },
  {
    name: 'session-expired',
    description: 'A portal session that works, is revoked, and then answers 401 UnauthorizedException.',
    run: async (env) => {
      const portal = new PortalClient(env.http, env.target.url, await env.portalToken());
      const before = (await portal.listAccounts()).length;
      env.revokeSessions();
      return { before, after: await failure(portal.listAccounts()) };
    },
    expect: {
      before: 3,
      after: { error: 'SessionExpired', message: 'the portal session has expired or was revoked; run `awssso login` to sign in again' },
    },
  },
];
