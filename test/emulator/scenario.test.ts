// Scenario knobs as a client meets them: validation, locked users, e-mailed codes with MFA
// always asked, rate limits, and the "not authorized yet" period of the token exchange.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, ScenarioError } from './scenario.js';
import { startEmulator } from './server.js';
import { SignInClient } from './testkit.js';

test('a scenario with a mistake is refused with the path of the offending field', () => {
  assert.throws(() => parseScenario({ users: [{ username: 'a', password: 'b', mfa: 'sometimes' }] }),
    (e: Error) => e instanceof ScenarioError && /scenario\.users\[0\]\.mfa must be one of always, context, off/.test(e.message));
  assert.throws(() => parseScenario({ users: [{ username: 'a', password: 'b' }] }), /users\[0\]\.totpSeed is required for TOTP MFA/);
  assert.throws(() => parseScenario({ acounts: 3 }), /scenario\.acounts is not a known setting/);
  assert.throws(() => parseScenario({ throttle: { perSecond: -1 } }), /throttle\.perSecond must be an integer/);
  const s = parseScenario({ accounts: 4, rolesPerAccount: 6, roleCredentialSeconds: 900 });
  assert.equal(s.accounts.length, 4);
  assert.equal(s.accounts[3]!.roles.at(-1), 'Role6');
  assert.equal(s.users[0]!.username, 'demo@example.com');
});

test('a locked user is told so only after the right password', async () => {
  const emu = await startEmulator({ scenario: { users: [{ username: 'locked@example.com', password: 'Locked-Passw0rd!', mfa: 'off', locked: true }] } });
  try {
    const c = new SignInClient(emu);
    await c.begin();
    await c.username('locked@example.com');
    assert.equal((await c.password('locked@example.com', 'guess')).body.errorCode, 'AUTHENTICATION_FAILED');
    assert.equal((await c.password('locked@example.com', 'Locked-Passw0rd!')).body.errorCode, 'USER_LOCKED');
  } finally {
    await emu.close();
  }
});

test('EMAIL_OTP with MFA always: no trusted device offered or kept', async () => {
  const u = { username: 'mail@example.com', password: 'Mail-Passw0rd!', mfa: 'always' as const, mfaType: 'EMAIL_OTP' as const, emailCode: '135790' };
  const emu = await startEmulator({ scenario: { users: [u] } });
  try {
    const c = new SignInClient(emu);
    for (let round = 0; round < 2; round++) {
      await c.begin();
      await c.username(u.username);
      const pw = await c.password(u.username, u.password);
      assert.deepEqual((pw.body.workflowResponseData as any).mfaChallengeResponse, { mfaType: 'EMAIL_OTP', rememberDeviceAllowed: false });
      assert.equal((await c.mfa(u.username, '000000', true, 'EMAIL_OTP')).body.errorCode, 'INVALID_MFA_CODE');
      assert.equal((await c.mfa(u.username, u.emailCode, true, 'EMAIL_OTP')).body.stepId, 'end-of-workflow-success');
    }
    assert.equal(c.jar.size, 0);
  } finally {
    await emu.close();
  }
});

test('rate limits: perSecond 0 throttles every call; a burst beyond perSecond gets 429s', async () => {
  const always = await startEmulator({ scenario: { throttle: { perSecond: 0 } } });
  try {
    const r = await fetch(`${always.url}/login?redirect_url=x`);
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
    assert.equal(always.requests[0]!.op, 'PortalLogin');
  } finally {
    await always.close();
  }
  const burst = await startEmulator({ scenario: { throttle: { perSecond: 3, operations: ['PortalLogin'] } } });
  try {
    const statuses = await Promise.all(Array.from({ length: 10 }, () => fetch(`${burst.url}/login?redirect_url=x`).then((r) => r.status)));
    const ok = statuses.filter((s) => s === 200).length;
    // a burst may straddle two wall-clock seconds: at most two budgets pass
    assert.ok(ok >= 3 && ok <= 6, `passed: ${ok}`);
    assert.equal(statuses.filter((s) => s === 429).length, 10 - ok);
    assert.equal((await fetch(`${burst.url}/token/whoAmI`)).status, 401, 'other operations are not limited');
  } finally {
    await burst.close();
  }
});

test('ssoTokenNotReady: the first exchanges answer 401 "Not authorized yet", then the token comes', async () => {
  const u = { username: 'slow@example.com', password: 'Slow-Passw0rd!', mfa: 'off' as const };
  const emu = await startEmulator({ scenario: { users: [u], ssoTokenNotReady: 2 } });
  try {
    const c = new SignInClient(emu);
    await c.begin();
    await c.username(u.username);
    await c.password(u.username, u.password);
    const tries = [await c.ssoToken(), await c.ssoToken(), await c.ssoToken()];
    assert.deepEqual(tries.map((t) => t.status), [401, 401, 200]);
    assert.equal(tries[0]!.body.message, 'Not authorized yet');
  } finally {
    await emu.close();
  }
});
