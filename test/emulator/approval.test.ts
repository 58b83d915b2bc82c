// The approval settings of a scenario (approval-scenario.ts) over real HTTP: slow_down for a
// client that polls a pending code too fast, the consent details beside accept_user_code's
// deviceContext, the 2026 device page, denied consent, expired user codes, PKCE switched off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type RunningEmulator, type Scenario } from './server.js';
import { parseScenario, ScenarioError } from './scenario.js';
import { SignInClient } from './testkit.js';

const user = { username: 'dev@example.com', password: 'Dev-Passw0rd!', mfa: 'off' as const };

function emulatorWith(approval: Scenario['approval']) {
  const it = { emu: undefined as unknown as RunningEmulator, portal: '' };
  before(async () => {
    it.emu = await startEmulator({ scenario: { users: [user], approval } });
    it.portal = await new SignInClient(it.emu).signIn(user.username, user.password);
  });
  after(() => it.emu.close());
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${it.emu.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const device = async () => {
    const { body: client } = await post('/client/register', { clientName: 'cli', clientType: 'public', scopes: ['sso:account:access'] });
    const { body: dev } = await post('/device_authorization', { ...client, startUrl: it.emu.startUrl });
    const poll = () => post('/token', { ...client, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: dev.deviceCode });
    return { dev, poll };
  };
  return { it, post, device };
}

describe('default approval settings', () => {
  const { it, post, device } = emulatorWith(undefined);

  test('a pending code polled quickly again and again answers slow_down (one quick repeat is let through)', async () => {
    const { poll } = await device();
    assert.equal((await poll()).body.error, 'authorization_pending');
    assert.equal((await poll()).body.error, 'authorization_pending');
    assert.equal((await poll()).body.error, 'slow_down');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal((await poll()).body.error, 'authorization_pending');
  });

  test('accept_user_code names the client and its scopes beside the deviceContext', async () => {
    const { dev } = await device();
    const accepted = await post('/device_authorization/accept_user_code', { userCode: dev.userCode, userSessionId: it.portal });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.clientName, 'cli');
    assert.deepEqual(accepted.body.scopes, ['sso:account:access']);
  });
});

describe('approval: 2026 device page, denied consent, 1-second codes, no PKCE', () => {
  const { it, post, device } = emulatorWith({ devicePage: 'platform', consent: 'deny', deviceCodeSeconds: 1, pkce: false });

  test('the device page is /platform/authorize?request_uri= without the code, and leads into the portal', async () => {
    const { dev } = await device();
    const page = new URL(dev.verificationUri);
    assert.equal(page.pathname, '/platform/authorize');
    assert.match(page.searchParams.get('request_uri')!, /^urn:ietf:params:oauth:request_uri:/);
    assert.ok(!dev.verificationUriComplete.includes(dev.userCode));
    const res = await fetch(dev.verificationUri, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `${it.emu.startUrl}/#/device`);
  });

  test('denied consent: associate_token answers 403 and the waiting client access_denied', async () => {
    const { dev, poll } = await device();
    const accepted = await post('/device_authorization/accept_user_code', { userCode: dev.userCode, userSessionId: it.portal });
    const associated = await post('/device_authorization/associate_token', { deviceContext: accepted.body.deviceContext, userSessionId: it.portal });
    assert.equal(associated.status, 403);
    assert.equal((await poll()).body.error, 'access_denied');
  });

  test('an expired user code is refused by accept_user_code and the device code by /token', async () => {
    const { dev, poll } = await device();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await post('/device_authorization/accept_user_code', { userCode: dev.userCode, userSessionId: it.portal })).status, 400);
    assert.equal((await poll()).body.error, 'expired_token');
  });

  test('GET /authorize answers 404 when PKCE is off', async () => {
    const res = await fetch(`${it.emu.url}/authorize?response_type=code&client_id=x`, { redirect: 'manual' });
    assert.equal(res.status, 404);
  });
});

test('scenario.approval settings are checked', () => {
  assert.throws(() => parseScenario({ approval: { consent: 'maybe' } }), (e: Error) => e instanceof ScenarioError && /approval\.consent/.test(e.message));
  assert.throws(() => parseScenario({ approval: { nope: 1 } }), /approval\.nope is not a known setting/);
  assert.equal(parseScenario({ approval: { deviceCodeSeconds: 5 } }).approval.deviceCodeSeconds, 5);
});
