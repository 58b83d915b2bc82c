// AWS CLI v2 2.9.19 (Debian's /usr/bin/aws) against the emulator: `aws sso login --no-browser`
// runs the OIDC device flow while the test approves the user code over HTTP with a portal
// session, then the cached token works for `aws sso list-accounts` and for an SSO profile
// (role credentials from moto_server STS), and `aws sso logout` removes it.
//
// 2.9.19 ignores AWS_ENDPOINT_URL_SSO/_SSO_OIDC (added in 2.13), and its login, logout and SSO
// credential provider take no --endpoint-url; a loopback endpoint rule set on its data path
// (AWS_DATA_PATH) points them at the emulator. `--endpoint-url` is used where the CLI takes it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startMoto, type RunningMoto } from '../helpers/moto.js';
import { approveDeviceCode, demoUser } from '../helpers/portal-session.js';
import { Proc, run } from '../helpers/processes.js';
import { awsV2, loopbackRuleSets } from './clients.js';
import { account, ops, profile, role, sessionTag, setUp, tearDown, type Setup } from './setup.js';

describe('AWS CLI v2 2.9.19: sso login, list-accounts, an SSO profile, sso logout', () => {
  let moto: RunningMoto;
  let s: Setup;
  let env: NodeJS.ProcessEnv;
  let accessToken = '';
  const aws = (args: string[]) => run(awsV2, [...args, '--output', 'json'], { env, timeoutMs: 60_000 });

  before(async () => {
    moto = await startMoto();
    s = await setUp({ stsEndpoint: moto.url });
    env = s.home.env({ AWS_DATA_PATH: await loopbackRuleSets(join(s.home.home, 'models'), s.emu.url) });
  });
  after(async () => {
    await tearDown(s);
    await moto?.close();
  });

  it('sso login --no-browser completes once the user code is approved with a portal session', async (t) => {
    const login = new Proc(awsV2, ['sso', 'login', '--no-browser', '--profile', profile], { env, timeoutMs: 90_000 });
    t.after(() => login.stop());
    const [, userCode] = await login.waitFor(/Then enter the code:\s+(\S+)/, 30_000);
    assert.ok(userCode);
    // The CLI is polling /token now; before approval the emulator must keep it waiting.
    await approveDeviceCode(s.emu.url, userCode, s.portalToken);
    const exit = await login.exited;

    assert.equal(exit.code, 0, exit.stderr);
    assert.match(exit.stdout, new RegExp(`Successfully logged into Start URL: ${s.emu.startUrl}`));
    const cached = await s.home.readTokenCache();
    assert.ok(cached, `token cache ${s.home.tokenCacheFile} written`);
    assert.equal(cached.startUrl, s.emu.startUrl);
    assert.equal(cached.region, s.emu.region);
    assert.match(cached.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Date.parse(cached.expiresAt) > Date.now());
    assert.ok(cached.clientId && cached.clientSecret && cached.refreshToken, 'registration and refresh token cached');
    accessToken = cached.accessToken;
    assert.deepEqual(
      ['RegisterClient', 'StartDeviceAuthorization', 'AcceptUserCode', 'AssociateToken'].map((op) => ops(s.emu, op).map((e) => e.status)),
      [[200], [200], [200], [200]],
    );
    const polls = ops(s.emu, 'CreateToken').map((entry) => entry.status);
    // The CLI tries once before it prints the code, so at least one poll was told to wait.
    assert.ok(polls.length >= 2, `CreateToken polls: ${polls.join(', ')}`);
    assert.equal(polls.at(-1), 200, 'the last poll got the token');
    assert.ok(polls.slice(0, -1).every((status) => status === 400), 'earlier polls were told authorization_pending');
  });

  it('sso list-accounts --access-token --endpoint-url lists the directory with the new token', async () => {
    assert.ok(accessToken, 'needs the login above');
    const listed = await aws(['sso', 'list-accounts', '--access-token', accessToken, '--endpoint-url', s.emu.url, '--region', s.emu.region]);
    assert.equal(listed.code, 0, listed.stderr);
    const ids = (JSON.parse(listed.stdout) as { accountList: { accountId: string }[] }).accountList.map((a) => a.accountId);
    assert.deepEqual(ids, ['111122223333', '444455556666', '777788889999']);
  });

  it('sts get-caller-identity --profile dev gets role credentials with the cached token', async () => {
    assert.ok(accessToken, 'needs the login above');
    const caller = await aws(['sts', 'get-caller-identity', '--profile', profile, '--endpoint-url', moto.url]);
    assert.equal(caller.code, 0, caller.stderr);
    const identity = JSON.parse(caller.stdout) as { Account: string; Arn: string };
    assert.equal(identity.Account, account);
    // The role session is named after the signed-in user, as the real portal does.
    assert.equal(identity.Arn, `arn:aws:sts::${account}:assumed-role/${role}/${demoUser.username}`);
    const fetched = ops(s.emu, 'GetRoleCredentials');
    assert.equal(fetched.at(-1)?.session, sessionTag(accessToken));
    assert.equal((await readdir(join(s.home.home, '.aws', 'cli', 'cache'))).length, 1, 'CLI v2 cached the role credentials');
  });

  it('sso logout calls Logout, removes the cached token and credentials, and the token stops working', async () => {
    assert.ok(accessToken, 'needs the login above');
    const logout = await aws(['sso', 'logout']);
    assert.equal(logout.code, 0, logout.stderr);

    assert.equal(existsSync(s.home.tokenCacheFile), false, 'token cache file removed');
    assert.deepEqual(await readdir(join(s.home.home, '.aws', 'cli', 'cache')), []);
    const loggedOut = ops(s.emu, 'Logout');
    assert.deepEqual(loggedOut.map((entry) => [entry.status, entry.session]), [[200, sessionTag(accessToken)]]);
    const refused = await aws(['sso', 'list-accounts', '--access-token', accessToken, '--endpoint-url', s.emu.url, '--region', s.emu.region]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /UnauthorizedException/);
  });
});
