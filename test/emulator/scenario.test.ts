// Scenario knobs as a client meets them: validation, invented error codes, the evidenced e-mail
// code step, an MFA step no client knows, fingerprint refusals, captchas, the firewall, rate
// limits, and the "not authorized" period of the token exchange (docs/protocol.md §2-§4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, ScenarioError } from './scenario.js';
import { DEMO_USER } from './scenario.js';
import { startEmulator, type RunningEmulator, type Scenario } from './server.js';
import { encryptSecret, errorCode, SignInClient, totpNow, userInput, type Reply } from './testkit.js';

test('a scenario with a mistake is refused with the path of the offending field', () => {
  assert.throws(() => parseScenario({ users: [{ username: 'a', password: 'b', mfa: 'sometimes' }] }),
    (e: Error) => e instanceof ScenarioError && /scenario\.users\[0\]\.mfa must be one of always, context, off/.test(e.message));
  assert.throws(() => parseScenario({ users: [{ username: 'a', password: 'b' }] }), /users\[0\]\.totpSeed is required for TOTP MFA/);
  assert.throws(() => parseScenario({ acounts: 3 }), /scenario\.acounts is not a known setting/);
  assert.throws(() => parseScenario({ throttle: { perSecond: -1 } }), /throttle\.perSecond must be an integer/);
  assert.throws(() => parseScenario({ firewall: { action: 'tarpit', step: 'get-password' } }), /scenario\.firewall\.action must be one of challenge, captcha, block/);
  assert.throws(() => parseScenario({ signinPage: 'slow' }), /scenario\.signinPage must be one of normal, late/);
  const s = parseScenario({ accounts: 4, rolesPerAccount: 6, roleCredentialSeconds: 900 });
  assert.equal(s.accounts.length, 4);
  assert.equal(s.accounts[3]!.roles.at(-1), 'Role6');
  assert.equal(s.users[0]!.username, 'demo@example.com');
});

const plain = { username: 'plain@example.com', password: 'Plain-Passw0rd!', mfa: 'off' as const };

/** Runs `fn` against a fresh emulator with `scenario`, then closes it. */
async function withEmulator(scenario: Scenario, fn: (emu: RunningEmulator) => Promise<void>): Promise<void> {
  const emu = await startEmulator({ scenario });
  try {
    await fn(emu);
  } finally {
    await emu.close();
  }
}

async function atPassword(emu: RunningEmulator, username: string): Promise<SignInClient> {
  const c = new SignInClient(emu);
  await c.begin();
  await c.username(username);
  return c;
}

test('a locked user: AUTHENTICATION_FAILED by default; USER_LOCKED and the other inventions only when asked', async () => {
  const locked = { username: 'locked@example.com', password: 'Locked-Passw0rd!', mfa: 'off' as const, locked: true };
  await withEmulator({ users: [locked] }, async (emu) => {
    const c = await atPassword(emu, locked.username);
    assert.equal(errorCode(await c.password(locked.username, locked.password)), 'AUTHENTICATION_FAILED');
  });
  await withEmulator({ users: [locked, { ...DEMO_USER }], inventedErrorCodes: true }, async (emu) => {
    const c = await atPassword(emu, locked.username);
    assert.equal(errorCode(await c.password(locked.username, 'guess')), 'AUTHENTICATION_FAILED');
    assert.equal(errorCode(await c.password(locked.username, locked.password)), 'USER_LOCKED');
    const d = await atPassword(emu, DEMO_USER.username);
    const stale = d.handle;
    await d.password(DEMO_USER.username, DEMO_USER.password);
    assert.equal(errorCode(await d.mfa(DEMO_USER.username, '000000')), 'INVALID_MFA_CODE');
    assert.equal(errorCode(await d.step('get-password', [], stale)), 'INVALID_WORKFLOW_STATE_HANDLE');
  });
});

test('the e-mail code step: mfaLoginOptionsResponse, RETRY mails a new code, a stale or wrong code is EMAIL_OTP_AUTHENTICATION_FAILED', async () => {
  const u = { username: 'mail@example.com', password: 'Mail-Passw0rd!', mfa: 'context' as const, mfaType: 'EMAIL_OTP' as const };
  await withEmulator({ users: [u] }, async (emu) => {
    const c = await atPassword(emu, u.username);
    const pw = await c.password(u.username, u.password);
    assert.equal(pw.body.stepId, 'get-email-otp-login-credential');
    assert.ok('mfaLoginOptionsResponse' in (pw.body.workflowResponseData as object));
    const first = await c.mailedCode(u.username);
    assert.match(first, /^\d{6}$/);
    const wrong = await c.emailCode(u.username, first === '000000' ? '111111' : '000000');
    assert.equal(errorCode(wrong), 'EMAIL_OTP_AUTHENTICATION_FAILED');
    assert.equal(wrong.body.stepId, 'get-email-otp-login-credential');

    const resent = await c.resendEmailCode();
    assert.equal(resent.status, 200);
    assert.equal(resent.body.stepId, 'get-email-otp-login-credential');
    assert.equal(emu.mailbox(u.username).length, 2, 'RETRY mailed a second code');
    const second = emu.mailbox(u.username)[1]!;
    if (second !== first) assert.equal(errorCode(await c.emailCode(u.username, first)), 'EMAIL_OTP_AUTHENTICATION_FAILED', 'the first code is stale');
    const ok = await c.emailCode(u.username, second, true);
    assert.equal(ok.body.stepId, 'end-of-workflow-success');
    assert.ok(c.jar.has('sso-trusted-device'), 'trustDevice in UserPreferencesRequestInput is honoured in context mode');
    assert.ok(!emu.requests.some((r) => JSON.stringify(r).includes(second)), 'no code in the request log');
  });
});

test('an MFA step no client knows (get-totp-login-credential) takes a TOTP code in its own input shape', async () => {
  const u = { username: 'app@example.com', password: 'App-Passw0rd!', mfa: 'always' as const, mfaType: 'TOTP_UNLISTED' as const, totpSeed: DEMO_USER.totpSeed };
  await withEmulator({ users: [u] }, async (emu) => {
    const c = await atPassword(emu, u.username);
    const pw = await c.password(u.username, u.password);
    assert.equal(pw.body.stepId, 'get-totp-login-credential');
    const guessed = await c.mfa(u.username, await totpNow(u.totpSeed));
    assert.equal(errorCode(guessed), 'SIGNIN_BAD_REQUEST_ERROR', 'the guessed get-mfa shape does not answer it');
    const r = await c.step('get-totp-login-credential', [
      { input_type: 'AuthenticatorAppLoginRequestInput', authenticatorAppCode: await totpNow(u.totpSeed) }, userInput(u.username),
    ]);
    assert.equal(r.body.stepId, 'end-of-workflow-success');
  });
});

test('fingerprintRequired: get-password without a FingerPrintRequestInput answers AUTHENTICATION_FAILED, with one it goes on', async () => {
  await withEmulator({ users: [plain], fingerprintRequired: true }, async (emu) => {
    const c = await atPassword(emu, plain.username);
    const refused = await c.password(plain.username, plain.password);
    assert.equal(errorCode(refused), 'AUTHENTICATION_FAILED');
    const ok = await c.password(plain.username, plain.password, undefined, [{ input_type: 'FingerPrintRequestInput', fingerPrint: 'anything' }]);
    assert.equal(ok.body.stepId, 'end-of-workflow-success');
  });
});

test('captcha scenarios answer a non-empty captchaToken with captchaCDN, or a captchaURL', async () => {
  await withEmulator({ users: [plain], challenge: 'captcha' }, async (emu) => {
    const c = new SignInClient(emu);
    await c.begin();
    const r = await c.username(plain.username);
    const captcha = r.body.captchaResponse as Record<string, string>;
    assert.ok(captcha.captchaToken && captcha.captchaCDN);
    assert.equal(captcha.captchaURL, '');
    const solved = await c.step(r.body.stepId as string, [{ input_type: 'CaptchaRequestInput', captchaToken: captcha.captchaToken, answer: 'checked' }]);
    assert.equal(solved.body.stepId, 'get-password');
  });
  await withEmulator({ users: [plain], challenge: 'image-captcha' }, async (emu) => {
    const c = new SignInClient(emu);
    await c.begin();
    const captcha = (await c.username(plain.username)).body.captchaResponse as Record<string, string>;
    assert.equal(captcha.captchaToken, '');
    assert.ok(captcha.captchaURL);
  });
});

test('the firewall: 202 challenge and 405 captcha with x-amzn-waf-action until the page earns a token; a 403 block page', async () => {
  for (const [action, status] of [['challenge', 202], ['captcha', 405]] as const) {
    await withEmulator({ users: [plain], firewall: { action, step: 'get-password' } }, async (emu) => {
      const c = await atPassword(emu, plain.username);
      const r: Reply = await c.password(plain.username, plain.password);
      assert.equal(r.status, status);
      assert.equal(r.headers.get('x-amzn-waf-action'), action);
      assert.equal(r.headers.get('content-length'), '0');
      const earned = await fetch(`${emu.url}/emulator/waf-token`, { method: 'POST' });
      const [pair] = earned.headers.getSetCookie()[0]!.split(';');
      c.jar.set('aws-waf-token', pair!.slice('aws-waf-token='.length));
      assert.equal((await c.password(plain.username, plain.password)).body.stepId, 'end-of-workflow-success');
    });
  }
  await withEmulator({ users: [plain], firewall: { action: 'block', step: 'get-identity-user' } }, async (emu) => {
    const c = new SignInClient(emu);
    await c.begin();
    const r = await c.username(plain.username);
    assert.equal(r.status, 403);
    assert.match(r.headers.get('content-type')!, /^text\/html/);
  });
});

test('the change-password step wants UpdatePasswordRequestInput and UserRequestInput', async () => {
  const u = { ...plain, mustChangePassword: true };
  await withEmulator({ users: [u] }, async (emu) => {
    const c = await atPassword(emu, u.username);
    const asked = await c.password(u.username, u.password);
    assert.equal(asked.body.stepId, 'get-new-password-for-change-password');
    const update = { input_type: 'UpdatePasswordRequestInput', newPassword: await encryptSecret('New-Passw0rd!', c.encryption), successfullyEncrypted: 'SUCCESSFUL' };
    assert.equal(errorCode(await c.step('get-new-password-for-change-password', [update])), 'SIGNIN_BAD_REQUEST_ERROR');
    const again = { ...update, newPassword: await encryptSecret('New-Passw0rd!', c.encryption) };
    assert.equal((await c.step('get-new-password-for-change-password', [again, userInput(u.username)])).body.stepId, 'end-of-workflow-success');
  });
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

test('ssoTokenNotReady: the first exchanges answer 200 without a token and "not authorized", then the token comes', async () => {
  await withEmulator({ users: [plain], ssoTokenNotReady: 2 }, async (emu) => {
    const c = await atPassword(emu, plain.username);
    await c.password(plain.username, plain.password);
    const tries = [await c.ssoToken(), await c.ssoToken(), await c.ssoToken()];
    assert.deepEqual(tries.map((t) => t.status), [200, 200, 200]);
    assert.equal(tries[0]!.body.token, undefined);
    assert.match(String(tries[0]!.body.errorMessage), /not authorized/);
    assert.equal(typeof tries[2]!.body.token, 'string');
    assert.equal(tries[2]!.body.errorMessage, null);
  });
});
