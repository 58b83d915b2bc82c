// Unmodified boto3/botocore 1.43 against the loopback emulator: SSO profile credentials from
// the token cache, token refresh through OIDC, pagination, and the typed 401/429 errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { botocore } from './clients.js';
import { account, cacheExpiredOidcToken, cachePortalSession, ops, profile, sessionTag, setUp, tearDown, type Setup } from './setup.js';

describe('boto3 resolves an SSO profile through the emulator', () => {
  let s: Setup;
  before(async () => { s = await setUp(); });
  after(() => tearDown(s));

  it('reads the portal session from ~/.aws/sso/cache and gets role credentials', async () => {
    await cachePortalSession(s);
    const answer = await botocore(s.env, { action: 'credentials', profile });

    assert.equal(answer.error, undefined, answer.error?.message);
    assert.equal(answer.method, 'sso');
    const creds = answer.credentials!;
    assert.ok(creds.accessKeyId && creds.secretAccessKey && creds.sessionToken, 'all three credential parts are set');
    // The expiration travels in epoch milliseconds; read as seconds it would land in 1970 or far future.
    const expires = Date.parse(creds.expiration!);
    assert.ok(expires > Date.now() + 30 * 60_000 && expires < Date.now() + 2 * 3600_000, `expiration ${creds.expiration}`);
    const calls = ops(s.emu, 'GetRoleCredentials');
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.status, 200);
    assert.equal(calls[0]!.session, sessionTag(s.portalToken), 'botocore sent the cached token');
  });

  it('pages through ListAccounts and ListAccountRoles with nextToken', async () => {
    const accounts = await botocore(s.env, {
      action: 'call', service: 'sso', operation: 'list_accounts', paginate: true,
      params: { accessToken: s.portalToken, maxResults: 1 },
    });
    assert.equal(accounts.error, undefined, accounts.error?.message);
    assert.ok(accounts.pages!.length >= 3, 'one page per account');
    const ids = accounts.pages!.flatMap((page) => (page.accountList as { accountId: string }[]).map((a) => a.accountId));
    assert.deepEqual(ids, ['111122223333', '444455556666', '777788889999']);

    const roles = await botocore(s.env, {
      action: 'call', service: 'sso', operation: 'list_account_roles', paginate: true,
      params: { accessToken: s.portalToken, accountId: '444455556666', maxResults: 2 },
    });
    assert.equal(roles.error, undefined, roles.error?.message);
    const names = roles.pages!.flatMap((page) => (page.roleList as { roleName: string }[]).map((r) => r.roleName));
    assert.deepEqual(names.sort(), ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']);
  });
});

describe('boto3 refreshes an expired SSO token through the OIDC endpoint', () => {
  let s: Setup;
  before(async () => { s = await setUp(); });
  after(() => tearDown(s));

  it('trades the refresh token for a new access token, rewrites the cache and gets credentials', async () => {
    const issued = await cacheExpiredOidcToken(s);
    const before = s.emu.requests.length;

    const answer = await botocore(s.env, { action: 'credentials', profile });

    assert.equal(answer.error, undefined, answer.error?.message);
    assert.ok(answer.credentials?.accessKeyId);
    const seen = s.emu.requests.slice(before).map((entry) => `${entry.op} ${entry.status}`);
    assert.deepEqual(seen, ['CreateToken 200', 'GetRoleCredentials 200']);
    const cached = await s.home.readTokenCache();
    assert.ok(cached && cached.accessToken !== issued.accessToken, 'botocore saved the new access token');
    assert.ok(Date.parse(cached.expiresAt) > Date.now(), `new expiresAt ${cached.expiresAt}`);
    assert.match(cached.expiresAt, /Z$/);
    assert.equal(cached.clientId, issued.clientId);
    const refreshed = s.emu.requests.slice(before).find((entry) => entry.op === 'GetRoleCredentials')!;
    assert.equal(refreshed.session, sessionTag(cached.accessToken), 'GetRoleCredentials used the refreshed token');
  });

  it('a refused refresh token (invalid_grant) ends in TokenRetrievalError, without asking for credentials', async () => {
    await cacheExpiredOidcToken(s);
    s.emu.revokeSessions();
    const before = s.emu.requests.length;

    const answer = await botocore(s.env, { action: 'credentials', profile });

    assert.equal(answer.error?.class, 'TokenRetrievalError', answer.error?.message);
    assert.match(answer.error!.message, /refresh failed/);
    assert.deepEqual(s.emu.requests.slice(before).map((entry) => `${entry.op} ${entry.status}`), ['CreateToken 400']);
  });
});

describe('boto3 sees the typed portal errors', () => {
  it('401 after revokeSessions: UnauthorizedSSOTokenError from the provider, UnauthorizedException from the client', async (t) => {
    const s = await setUp();
    t.after(() => tearDown(s));
    await cachePortalSession(s);
    s.emu.revokeSessions();

    const provider = await botocore(s.env, { action: 'credentials', profile });
    assert.equal(provider.error?.class, 'UnauthorizedSSOTokenError', provider.error?.message);
    assert.equal(provider.error?.module, 'botocore.exceptions');

    const client = await botocore(s.env, {
      action: 'call', service: 'sso', operation: 'list_accounts', params: { accessToken: s.portalToken },
    });
    assert.equal(client.error?.class, 'UnauthorizedException', client.error?.message);
    assert.ok(client.error?.bases.includes('ClientError'));
    assert.equal(client.error?.code, 'UnauthorizedException');
    assert.equal(client.error?.status, 401);
  });

  it('429 on ListAccountRoles: TooManyRequestsException, retried as throttling', async (t) => {
    const s = await setUp({ scenario: { throttle: { perSecond: 0, operations: ['ListAccountRoles'] } } });
    t.after(() => tearDown(s));
    const answer = await botocore(s.env, {
      action: 'call', service: 'sso', operation: 'list_account_roles', maxAttempts: 2,
      params: { accessToken: s.portalToken, accountId: account },
    });
    assert.equal(answer.error?.class, 'TooManyRequestsException', answer.error?.message);
    assert.ok(answer.error?.bases.includes('ClientError'));
    assert.equal(answer.error?.code, 'TooManyRequestsException');
    assert.equal(answer.error?.status, 429);
    // botocore's standard retry mode retries throttling errors: both attempts reached the emulator.
    assert.deepEqual(ops(s.emu, 'ListAccountRoles').map((entry) => entry.status), [429, 429]);
  });
});
