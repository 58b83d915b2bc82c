// The HTTP sign-in against the loopback emulator: every path a user can meet.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'tough-cookie';
import { SignInRejected } from '../../src/errors.js';
import { HandOver } from '../../src/signin/contract.js';
import { signInOverHttp } from '../../src/signin/http/sign-in-over-http.js';
import { PortalClient } from '../../src/http/portal.js';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { DEMO_USER, signInContext, testHttp, totpNow, wrongTotp } from './emulator-kit.js';

const running: RunningEmulator[] = [];
after(() => Promise.all(running.map((emu) => emu.close())));

async function emulator(scenario?: Scenario): Promise<RunningEmulator> {
  const emu = await startEmulator(scenario ? { scenario } : {});
  running.push(emu);
  return emu;
}

const demoUser = (extra: Record<string, unknown>) => ({ users: [{ ...DEMO_USER, ...extra }] });
const steps = (emu: RunningEmulator) => emu.requests.filter((r) => r.op === 'SignInStep').map((r) => `${r.step}:${r.status}`);
const signedIn = (emu: RunningEmulator) => emu.requests.filter((r) => r.op === 'SsoToken' && r.status === 200).length;

test('sign-in with a TOTP code gives a portal session that lists accounts', async () => {
  const emu = await emulator();
  const { ctx, asked } = signInContext(emu, testHttp(emu));
  const before = Date.now();
  const session = await signInOverHttp(ctx);
  assert.deepEqual(asked.mfa, ['TOTP']);
  assert.deepEqual(steps(emu), [':200', 'start:200', 'get-identity-user:200', 'get-password:200', 'get-mfa:200']);
  // whoAmI's expireDate: the demo directory's 8 h sessions
  assert.ok(Math.abs(session.expiresAt - (before + 8 * 3600_000)) < 60_000);
  const accounts = await new PortalClient(ctx.tools.http, emu.url, session.token).listAccounts();
  assert.deepEqual(accounts.map((a) => a.accountName), ['Development', 'Staging', 'Production']);
});

test('a trusted device skips MFA on the next sign-in with the same cookie jar, and only there', async () => {
  const emu = await emulator();
  const jar = new CookieJar();
  const first = signInContext(emu, testHttp(emu, jar));
  await signInOverHttp(first.ctx);
  assert.deepEqual(first.asked.mfa, ['TOTP']);

  const again = signInContext(emu, testHttp(emu, jar));
  await signInOverHttp(again.ctx);
  assert.deepEqual(again.asked.mfa, []);

  const elsewhere = signInContext(emu, testHttp(emu));
  await signInOverHttp(elsewhere.ctx);
  assert.deepEqual(elsewhere.asked.mfa, ['TOTP']);
  assert.equal(signedIn(emu), 3);
});

test('without rememberDevice the next sign-in asks for MFA again', async () => {
  const emu = await emulator();
  const jar = new CookieJar();
  await signInOverHttp(signInContext(emu, testHttp(emu, jar), { rememberDevice: false }).ctx);
  const again = signInContext(emu, testHttp(emu, jar));
  await signInOverHttp(again.ctx);
  assert.deepEqual(again.asked.mfa, ['TOTP']);
});

test('a wrong password is rejected with the service message, asked once, never retried', async () => {
  const emu = await emulator();
  const { ctx, asked } = signInContext(emu, testHttp(emu), { password: async () => 'Wrong-Passw0rd!' });
  await assert.rejects(signInOverHttp(ctx), (error: Error) => {
    assert.ok(error instanceof SignInRejected);
    assert.equal(error.message, 'sign-in refused: Your username or password is incorrect.');
    return true;
  });
  assert.deepEqual(asked.mfa, []);
  assert.equal(steps(emu).filter((s) => s.startsWith('get-password')).length, 1);
  assert.equal(signedIn(emu), 0);
});

test('an unknown user gets the same answer as a wrong password', async () => {
  const emu = await emulator();
  const { ctx } = signInContext(emu, testHttp(emu), { username: 'nobody@example.com' });
  await assert.rejects(signInOverHttp(ctx), new SignInRejected('sign-in refused: Your username or password is incorrect.'));
});

test('a wrong TOTP code from a seed is rejected at once', async () => {
  const emu = await emulator();
  const { ctx, asked } = signInContext(emu, testHttp(emu), { codes: wrongTotp });
  await assert.rejects(signInOverHttp(ctx), new SignInRejected('sign-in refused: the MFA code was not accepted'));
  assert.deepEqual(asked.mfa, ['TOTP']);
  assert.equal(signedIn(emu), 0);
});

test('a person who mistypes the code gets one more try on the same workflow', async () => {
  const emu = await emulator();
  const typed = [await wrongTotp(), await totpNow(DEMO_USER.totpSeed)];
  const { ctx, asked } = signInContext(emu, testHttp(emu), { codes: async () => typed.shift()!, mfaCodeFromPerson: true });
  await signInOverHttp(ctx);
  assert.deepEqual(asked.mfa, ['TOTP', 'TOTP']);
  assert.deepEqual(steps(emu).slice(-2), ['get-mfa:400', 'get-mfa:200']);

  const twice = signInContext(emu, testHttp(emu), { codes: wrongTotp, mfaCodeFromPerson: true });
  await assert.rejects(signInOverHttp(twice.ctx), new SignInRejected('sign-in refused: the MFA code was not accepted'));
  assert.deepEqual(twice.asked.mfa, ['TOTP', 'TOTP']);
});

test('a locked user is rejected with the service message', async () => {
  const emu = await emulator(demoUser({ locked: true }));
  const { ctx } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx), new SignInRejected('sign-in refused: Your user is locked. Contact your administrator.'));
});

test('a user who must change the password: refused without a way to ask, done with one', async () => {
  const emu = await emulator(demoUser({ mustChangePassword: true }));
  const { ctx } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx),
    new SignInRejected('this user must choose a new password: run `awssso login` in a terminal'));

  const weak = signInContext(emu, testHttp(emu), { newPassword: async () => 'short' });
  await assert.rejects(signInOverHttp(weak.ctx), new SignInRejected('sign-in refused: The new password must have at least 8 characters.'));

  const changed = signInContext(emu, testHttp(emu), { newPassword: async () => 'N3w-Passw0rd!' });
  await signInOverHttp(changed.ctx);
  assert.equal(changed.asked.newPassword, 1);
  const withNew = signInContext(emu, testHttp(emu), { password: async () => 'N3w-Passw0rd!' });
  await signInOverHttp(withNew.ctx);
  assert.equal(signedIn(emu), 2);
});

test('a captcha hands over to the browser before the password is asked', async () => {
  const emu = await emulator({ challenge: 'captcha' });
  const { ctx, asked } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx), (error: Error) => error instanceof HandOver && error.reason === 'captcha');
  assert.equal(asked.password, 0);
});

test('a step awssso does not know hands over, naming the step', async () => {
  const emu = await emulator({ challenge: 'unknown-step' });
  const { ctx } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx), (error: Error) => {
    assert.ok(error instanceof HandOver);
    assert.equal(error.reason, 'unknown-step');
    assert.equal(error.message, 'the sign-in asked for step `confirm-account-notice`, which awssso does not know');
    return true;
  });
});

test('a security-key MFA hands over to the browser', async () => {
  const emu = await emulator(demoUser({ mfa: 'always', mfaType: 'WEBAUTHN' }));
  const { ctx, asked } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx), (error: Error) => error instanceof HandOver && error.reason === 'mfa-type');
  assert.deepEqual(asked.mfa, []);
});

test('an e-mailed code is asked for as EMAIL_OTP', async () => {
  const emu = await emulator(demoUser({ mfa: 'always', mfaType: 'EMAIL_OTP', emailCode: '135790' }));
  const { ctx, asked } = signInContext(emu, testHttp(emu), { codes: async () => '135790' });
  await signInOverHttp(ctx);
  assert.deepEqual(asked.mfa, ['EMAIL_OTP']);
});

test('the portal\'s short "not authorized yet" after sign-in is waited out', async () => {
  const emu = await emulator({ ssoTokenNotReady: 1 });
  const { ctx } = signInContext(emu, testHttp(emu));
  await signInOverHttp(ctx);
  assert.deepEqual(emu.requests.filter((r) => r.op === 'SsoToken').map((r) => r.status), [401, 200]);
});
