// The portal API over real HTTP: paging, role credentials, errors with x-amzn-ErrorType,
// throttling, revocation, logout and the seed-era app instances.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type RunningEmulator } from './server.js';
import { SignInClient } from './testkit.js';

const user = { username: 'ops@example.com', password: 'Ops-Passw0rd!', mfa: 'off' as const };
let emu: RunningEmulator;
let client: SignInClient;
let token: string;

before(async () => {
  emu = await startEmulator({
    scenario: { users: [user], accounts: 45, rolesPerAccount: 3, throttle: { perSecond: 0, operations: ['AppInstanceProfiles'] } },
  });
  client = new SignInClient(emu);
  token = await client.signIn(user.username, user.password);
});
after(() => emu.close());

test('ListAccounts pages with max_result and next_token until every account is seen', async () => {
  const seen: string[] = [];
  let next = '';
  let pages = 0;
  do {
    const r = await client.get(`/assignment/accounts?max_result=20${next ? `&next_token=${encodeURIComponent(next)}` : ''}`, token);
    assert.equal(r.status, 200);
    seen.push(...(r.body.accountList as Array<{ accountId: string }>).map((a) => a.accountId));
    next = (r.body.nextToken as string | undefined) ?? '';
    pages++;
  } while (next);
  assert.equal(pages, 3);
  assert.equal(new Set(seen).size, 45);

  const bad = await client.get('/assignment/accounts?max_result=101', token);
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get('x-amzn-errortype'), 'InvalidRequestException');
});

test('ListAccountRoles and GetRoleCredentials hand out fresh ASIA credentials expiring in an hour (ms)', async () => {
  const roles = await client.get('/assignment/roles?account_id=100000000001&max_result=2', token);
  assert.deepEqual(roles.body.roleList, [
    { roleName: 'AdministratorAccess', accountId: '100000000001' },
    { roleName: 'PowerUserAccess', accountId: '100000000001' },
  ]);
  assert.ok(roles.body.nextToken);

  const get = () => client.get('/federation/credentials?account_id=100000000001&role_name=ReadOnlyAccess', token);
  const [a, b] = [await get(), await get()];
  assert.equal(a.status, 200);
  assert.match(a.headers.get('content-type')!, /^application\/json/);
  const ca = a.body.roleCredentials as Record<string, unknown>;
  assert.match(String(ca.accessKeyId), /^ASIA[A-Z2-7]{16}$/);
  assert.notEqual(ca.accessKeyId, (b.body.roleCredentials as Record<string, unknown>).accessKeyId);
  const left = Number(ca.expiration) - Date.now();
  assert.ok(left > 3500_000 && left <= 3600_000, `expiration is epoch ms an hour ahead (${left})`);

  const denied = await client.get('/federation/credentials?account_id=100000000001&role_name=NotMine', token);
  assert.equal(denied.status, 403);
  assert.equal(denied.headers.get('x-amzn-errortype'), 'ForbiddenException');
  assert.deepEqual(denied.body, { message: 'No access' });
});

test('no or unknown bearer token: 401 UnauthorizedException with a message', async () => {
  for (const t of [undefined, 'aoa-not-a-session']) {
    const r = await client.get('/assignment/accounts', t);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('x-amzn-errortype'), 'UnauthorizedException');
    assert.equal(typeof r.body.message, 'string');
  }
});

test('app instances map to accounts and their profiles to roles; a throttled operation answers 429', async () => {
  const r = await client.get('/instance/appinstances', token);
  const first = (r.body.result as Array<Record<string, any>>)[0]!;
  assert.match(first.id, /^ins-[0-9a-f]{16}$/);
  assert.equal(first.searchMetadata.AccountId, '100000000001');
  const p = await client.get(`/instance/appinstance/${first.id}/profiles`, token);
  assert.equal(p.status, 429);
  assert.equal(p.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
  assert.equal(emu.requests.at(-1)!.op, 'AppInstanceProfiles');
});

test('/login refuses another directory; revokeSessions and logout end sessions', async () => {
  assert.equal((await client.get(`/login?directory_id=d-9999999999&redirect_url=x`)).status, 400);
  assert.equal((await client.get(`/login?directory_id=demo&redirect_url=x`)).status, 200);

  emu.revokeSessions();
  assert.equal((await client.get('/token/whoAmI', token)).status, 401);

  const t2 = await client.signIn(user.username, user.password);
  const out = await fetch(`${emu.url}/logout`, { method: 'POST', headers: { 'x-amz-sso_bearer_token': t2 } });
  assert.equal(out.status, 200);
  assert.equal((await client.get('/token/whoAmI', t2)).status, 401);
});
