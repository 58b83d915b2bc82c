// The AWS SDK for JavaScript v3 against the emulator: @aws-sdk/client-sso (pagination, role
// credentials, typed errors), @aws-sdk/client-sso-oidc (the device flow, pending until the
// test approves it), and fromSSO from @aws-sdk/credential-providers reading the token cache.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetRoleCredentialsCommand,
  ListAccountsCommand,
  SSOClient,
  SSOServiceException,
  TooManyRequestsException,
  UnauthorizedException,
  paginateListAccountRoles,
  paginateListAccounts,
} from '@aws-sdk/client-sso';
import {
  AuthorizationPendingException,
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { fromSSO } from '@aws-sdk/credential-providers';
import { approveDeviceCode } from '../helpers/portal-session.js';
import { account, cacheExpiredOidcToken, cachePortalSession, ops, profile, role, sessionTag, setUp, tearDown, type Setup } from './setup.js';

const ssoClient = (s: Setup) => new SSOClient({ region: s.emu.region, endpoint: s.emu.url, maxAttempts: 1 });

describe('@aws-sdk/client-sso', () => {
  let s: Setup;
  before(async () => { s = await setUp(); });
  after(() => tearDown(s));

  it('pages through ListAccounts and ListAccountRoles', async () => {
    const client = ssoClient(s);
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListAccounts({ client, pageSize: 1 }, { accessToken: s.portalToken })) {
      pages++;
      ids.push(...(page.accountList ?? []).map((a) => a.accountId!));
    }
    assert.deepEqual(ids, ['111122223333', '444455556666', '777788889999']);
    assert.ok(pages >= 3, 'one page per account');

    const roles: string[] = [];
    for await (const page of paginateListAccountRoles({ client, pageSize: 2 }, { accessToken: s.portalToken, accountId: '444455556666' })) {
      roles.push(...(page.roleList ?? []).map((r) => r.roleName!));
      assert.ok((page.roleList ?? []).every((r) => r.accountId === '444455556666'));
    }
    assert.deepEqual(roles.sort(), ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']);
  });

  it('GetRoleCredentials returns credentials expiring in epoch milliseconds', async () => {
    const { roleCredentials } = await ssoClient(s).send(
      new GetRoleCredentialsCommand({ accessToken: s.portalToken, accountId: account, roleName: role }),
    );
    assert.ok(roleCredentials?.accessKeyId && roleCredentials.secretAccessKey && roleCredentials.sessionToken);
    const expiration = roleCredentials.expiration!;
    assert.ok(expiration > Date.now() + 30 * 60_000 && expiration < Date.now() + 2 * 3600_000, `expiration ${expiration}`);
  });

  it('a role the user is not assigned is ForbiddenException "No access", as the live portal answers', async () => {
    await assert.rejects(
      ssoClient(s).send(new GetRoleCredentialsCommand({ accessToken: s.portalToken, accountId: account, roleName: 'NoSuchRole' })),
      (error: SSOServiceException) => error.name === 'ForbiddenException' && error.$metadata.httpStatusCode === 403,
    );
  });

  it('a revoked session is UnauthorizedException', async (t) => {
    const own = await setUp();
    t.after(() => tearDown(own));
    own.emu.revokeSessions();
    await assert.rejects(
      ssoClient(own).send(new ListAccountsCommand({ accessToken: own.portalToken })),
      (error) => error instanceof UnauthorizedException && error.$metadata.httpStatusCode === 401,
    );
  });

  it('throttling is TooManyRequestsException, retried by the SDK', async (t) => {
    const own = await setUp({ scenario: { throttle: { perSecond: 0, operations: ['ListAccounts'] } } });
    t.after(() => tearDown(own));
    const client = new SSOClient({ region: own.emu.region, endpoint: own.emu.url, maxAttempts: 2 });
    await assert.rejects(
      client.send(new ListAccountsCommand({ accessToken: own.portalToken })),
      (error) => error instanceof TooManyRequestsException && error.$metadata.httpStatusCode === 429,
    );
    assert.deepEqual(ops(own.emu, 'ListAccounts').map((entry) => entry.status), [429, 429]);
  });
});

describe('@aws-sdk/client-sso-oidc device flow', () => {
  let s: Setup;
  before(async () => { s = await setUp(); });
  after(() => tearDown(s));

  it('RegisterClient, StartDeviceAuthorization, CreateToken pending until approved, then a token the portal accepts', async () => {
    const oidc = new SSOOIDCClient({ region: s.emu.region, endpoint: s.emu.url, maxAttempts: 1 });
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'js-sdk-test', clientType: 'public', scopes: ['sso:account:access'] }));
    assert.ok(client.clientId && client.clientSecret);
    assert.ok(client.clientSecretExpiresAt! > Date.now() / 1000 && client.clientSecretExpiresAt! < Date.now() / 10, 'epoch seconds');

    const device = await oidc.send(new StartDeviceAuthorizationCommand({
      clientId: client.clientId, clientSecret: client.clientSecret, startUrl: s.emu.startUrl,
    }));
    assert.ok(device.deviceCode && device.userCode && device.verificationUri && device.verificationUriComplete);
    assert.ok(device.verificationUriComplete.includes(encodeURIComponent(device.userCode)) || device.verificationUriComplete.includes(device.userCode));
    assert.ok(device.expiresIn! > 0 && device.interval! > 0);

    const createToken = () => oidc.send(new CreateTokenCommand({
      clientId: client.clientId!, clientSecret: client.clientSecret!,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode!,
    }));
    await assert.rejects(createToken(), (error) => error instanceof AuthorizationPendingException);

    await approveDeviceCode(s.emu.url, device.userCode, s.portalToken);
    const token = await createToken();
    assert.ok(token.accessToken && token.refreshToken);
    assert.equal(token.tokenType, 'Bearer');
    assert.ok(token.expiresIn! > 0);

    const listed = await ssoClient(s).send(new ListAccountsCommand({ accessToken: token.accessToken }));
    assert.equal(listed.accountList?.length, 3);
  });
});

describe('fromSSO from @aws-sdk/credential-providers', () => {
  let s: Setup;
  const saved = { ...process.env };
  const replaceEnv = (env: NodeJS.ProcessEnv) => {
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, env);
  };
  before(async () => {
    s = await setUp();
    // fromSSO reads ~/.aws (HOME) and the endpoint variables from the process environment.
    replaceEnv(s.env);
  });
  after(async () => {
    replaceEnv(saved);
    await tearDown(s);
  });

  it('turns the cached portal session into role credentials', async () => {
    await cachePortalSession(s);
    const creds = await fromSSO({ profile })();
    assert.ok(creds.accessKeyId && creds.secretAccessKey && creds.sessionToken);
    assert.ok(creds.expiration && creds.expiration.getTime() > Date.now() + 30 * 60_000, `expiration ${creds.expiration?.toISOString()}`);
    assert.equal(ops(s.emu, 'GetRoleCredentials').at(-1)?.session, sessionTag(s.portalToken));
  });

  it('refreshes an expired token through the OIDC endpoint first', async () => {
    const issued = await cacheExpiredOidcToken(s);
    const before = s.emu.requests.length;
    const creds = await fromSSO({ profile })();
    assert.ok(creds.accessKeyId);
    assert.deepEqual(s.emu.requests.slice(before).map((entry) => `${entry.op} ${entry.status}`), ['CreateToken 200', 'GetRoleCredentials 200']);
    const cached = await s.home.readTokenCache();
    assert.ok(cached && cached.accessToken !== issued.accessToken, 'the SDK saved the new access token');
  });
});
