// The HTTP sign-in against the loopback emulator: every path a user can meet.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const token = await signInOverHttp(ctx);
  assert.deepEqual(asked.mfa, ['TOTP']);
  assert.deepEqual(steps(emu), [':200', 'start:200', 'get-identity-user:200', 'get-password:200', 'get-mfa:200']);
  const accounts = await new PortalClient(ctx.tools.http, emu.url, token).listAccounts();
  assert.deepEqual(accounts.map((a) => a.accountName), ['Development', 'Staging', 'Production']);
});

test('a trusted device skips MFA on the next sign-in with the same cookie jar, and only there', async () => {
  const emu = await emulator({ signinHostSession: false });
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
  // no sign-in-host session cookie, so that the second sign-in goes through the credentials again
  const emu = await emulator({ signinHostSession: false });
  const jar = new CookieJar();
  await signInOverHttp(signInContext(emu, testHttp(emu, jar), { rememberDevice: false }).ctx);
  const again = signInContext(emu, testHttp(emu, jar));
  await signInOverHttp(again.ctx);
  assert.deepEqual(again.asked.mfa, ['TOTP']);
});

test('a live sign-in-host session (aws-usi-authn) ends the workflow at `start` without asking anything (docs/protocol.md §2)', async () => {
  const emu = await emulator();
  const jar = new CookieJar();
  await signInOverHttp(signInContext(emu, testHttp(emu, jar)).ctx);
  const again = signInContext(emu, testHttp(emu, jar));
  await signInOverHttp(again.ctx);
  assert.deepEqual(again.asked, { password: 0, mfa: [], newPassword: 0 });
  assert.equal(signedIn(emu), 2);
});

const refusedAt = (step: string, code: string) => (error: Error) => {
  assert.ok(error instanceof HandOver, `${error.name}: ${error.message}`);
  assert.equal(error.reason, 'refused');
  assert.match(error.message, new RegExp(`^the sign-in refused step \`${step}\` \\(HTTP 400, ${code}: `));
  return true;
};

test('a wrong password is never judged over HTTP: AUTHENTICATION_FAILED hands over with the service words, the password asked once (docs/protocol.md §9)', async () => {
  const emu = await emulator();
  let asked = 0;
  const { ctx } = signInContext(emu, testHttp(emu), { password: async () => (asked++, 'Wrong-Passw0rd!') });
  await assert.rejects(signInOverHttp(ctx), (error: Error) => {
    refusedAt('get-password', 'AUTHENTICATION_FAILED')(error);
    assert.match(error.message, /Something doesn't compute: We couldn't verify your sign-in credentials\. Please try again\.\)$/);
    return true;
  });
  assert.equal(asked, 1);
  assert.equal(steps(emu).filter((s) => s.startsWith('get-password')).length, 1);
  assert.equal(signedIn(emu), 0);
});

test('a get-password refused for want of a browser fingerprint hands over like a wrong password', async () => {
  const emu = await emulator({ fingerprintRequired: true });
  const { ctx } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx), refusedAt('get-password', 'AUTHENTICATION_FAILED'));
});

test('a wrong TOTP code (evidenced answer AUTHENTICATION_FAILED) hands over to the browser at once', async () => {
  const emu = await emulator();
  const { ctx, asked } = signInContext(emu, testHttp(emu), { codes: wrongTotp });
  await assert.rejects(signInOverHttp(ctx), refusedAt('get-mfa', 'AUTHENTICATION_FAILED'));
  assert.deepEqual(asked.mfa, ['TOTP']);
  assert.equal(signedIn(emu), 0);
});

test('the invented codes stay extra cases: INVALID_MFA_CODE gives a person one more try, USER_LOCKED the service words', async () => {
  const emu = await emulator({ inventedErrorCodes: true });
  const typed = [await wrongTotp(), await totpNow(DEMO_USER.totpSeed)];
  const { ctx, asked } = signInContext(emu, testHttp(emu), { codes: async () => typed.shift()!, mfaCodeFromPerson: true });
  await signInOverHttp(ctx);
  assert.deepEqual(asked.mfa, ['TOTP', 'TOTP']);
  assert.deepEqual(steps(emu).slice(-2), ['get-mfa:400', 'get-mfa:200']);

  const twice = signInContext(emu, testHttp(emu), { codes: wrongTotp, mfaCodeFromPerson: true });
  await assert.rejects(signInOverHttp(twice.ctx), new SignInRejected('sign-in refused: the MFA code was not accepted'));
  assert.deepEqual(twice.asked.mfa, ['TOTP', 'TOTP']);

  const locked = await emulator({ ...demoUser({ locked: true }), inventedErrorCodes: true });
  await assert.rejects(signInOverHttp(signInContext(locked, testHttp(locked)).ctx),
    new SignInRejected('sign-in refused: Account locked: Your user is locked. Contact your administrator.'));
});

test('a user who must change the password: refused without a way to ask; with one, the new password (and the user) are sent', async () => {
  const emu = await emulator(demoUser({ mustChangePassword: true }));
  const { ctx } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx),
    new SignInRejected('this user must choose a new password: run `awssso login` in a terminal'));

  const weak = signInContext(emu, testHttp(emu), { newPassword: async () => 'short' });
  await assert.rejects(signInOverHttp(weak.ctx), refusedAt('get-new-password-for-change-password', 'SIGNIN_BAD_REQUEST_ERROR'));

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

test('the e-mailed code step (docs/protocol.md §3): asked as EMAIL_OTP, a mistyped code once more, an empty answer mails a new one', async () => {
  const emu = await emulator(demoUser({ mfa: 'always', mfaType: 'EMAIL_OTP' }));
  const answers: Array<() => string> = [() => '000000', () => '', () => emu.mailbox(DEMO_USER.username).at(-1)!];
  const { ctx, asked } = signInContext(emu, testHttp(emu), { codes: async () => answers.shift()!(), mfaCodeFromPerson: true });
  await signInOverHttp(ctx);
  assert.deepEqual(asked.mfa, ['EMAIL_OTP', 'EMAIL_OTP', 'EMAIL_OTP']);
  assert.equal(emu.mailbox(DEMO_USER.username).length, 2, 'the empty answer asked for a second mail');
  assert.deepEqual(steps(emu).slice(-3),
    ['get-email-otp-login-credential:400', 'get-email-otp-login-credential:200', 'get-email-otp-login-credential:200']);

  const wrong = signInContext(emu, testHttp(emu), { codes: async () => '000000' });
  await assert.rejects(signInOverHttp(wrong.ctx), (error: Error) => {
    assert.ok(error instanceof SignInRejected);
    assert.match(error.message, /^sign-in refused: Something doesn't compute: The code you entered is wrong/);
    return true;
  });
  assert.deepEqual(wrong.asked.mfa, ['EMAIL_OTP', 'EMAIL_OTP']);
});

test('an MFA step awssso does not know hands over as mfa-type, asking no code', async () => {
  const emu = await emulator(demoUser({ mfa: 'always', mfaType: 'TOTP_UNLISTED' }));
  const { ctx, asked } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx), (error: Error) => {
    assert.ok(error instanceof HandOver);
    assert.equal(error.reason, 'mfa-type');
    assert.equal(error.message, 'the sign-in asks for an MFA step `get-totp-login-credential` awssso does not know');
    return true;
  });
  assert.deepEqual(asked.mfa, []);
});

test('the empty captcha shell of ordinary answers is no challenge; a token or an image captcha is', async () => {
  // every answer of the default emulator carries the empty shell: the first test signs in through it
  for (const challenge of ['captcha', 'image-captcha'] as const) {
    const emu = await emulator({ challenge });
    const { ctx, asked } = signInContext(emu, testHttp(emu));
    await assert.rejects(signInOverHttp(ctx), (error: Error) => error instanceof HandOver && error.reason === 'captcha');
    assert.equal(asked.password, 0);
  }
});

test('firewall answers: a challenge (202) or captcha (405) hands over; a block page (403) is a clear error naming the page', async () => {
  for (const action of ['challenge', 'captcha'] as const) {
    const emu = await emulator({ firewall: { action, step: 'get-password' } });
    const { ctx } = signInContext(emu, testHttp(emu));
    await assert.rejects(signInOverHttp(ctx), (error: Error) => {
      assert.ok(error instanceof HandOver);
      assert.equal(error.reason, 'firewall');
      assert.equal(error.message,
        `the sign-in's firewall answered step \`get-password\` with a ${action} (HTTP ${action === 'challenge' ? 202 : 405}), which needs a browser`);
      return true;
    });
  }
  const blocked = await emulator({ firewall: { action: 'block', step: 'get-identity-user' } });
  await assert.rejects(signInOverHttp(signInContext(blocked, testHttp(blocked)).ctx), (error: Error) => {
    assert.ok(!(error instanceof HandOver));
    assert.match(error.message, /^the sign-in's firewall blocked step `get-identity-user` \(HTTP 403, a page titled "[^"]+"\); try again later/);
    assert.doesNotMatch(error.message, /</);
    return true;
  });
});

test('sign-in requests say Accept-Language en-US,en;q=0.9 and load the sign-in page first (its CSRF cookies)', async () => {
  const emu = await emulator();
  const seen: Array<string | undefined> = [];
  const http = testHttp(emu).extend({ hooks: { beforeRequest: [(options) => void seen.push(options.headers['accept-language'] as string | undefined)] } });
  await signInOverHttp(signInContext(emu, http).ctx);
  assert.ok(seen.length >= 7);
  assert.ok(seen.every((value) => value === 'en-US,en;q=0.9'), JSON.stringify(seen));
  const ops = emu.requests.map((r) => r.op);
  assert.ok(ops.indexOf('SignInPage') >= 0 && ops.indexOf('SignInPage') < ops.indexOf('SignInStep'));
});

test('the portal\'s short "not authorized yet" (HTTP 200 without a token) is waited out by got\'s retry', async () => {
  const emu = await emulator({ ssoTokenNotReady: 1 });
  const { ctx } = signInContext(emu, testHttp(emu));
  assert.ok(await signInOverHttp(ctx));
  assert.deepEqual(emu.requests.filter((r) => r.op === 'SsoToken').map((r) => r.status), [200, 200]);
});

test('a portal still "not authorized" after a bounded number of tries is one clear error', async () => {
  const emu = await emulator({ ssoTokenNotReady: 10 });
  const { ctx } = signInContext(emu, testHttp(emu));
  await assert.rejects(signInOverHttp(ctx), (error: Error) => {
    assert.ok(!(error instanceof HandOver));
    assert.equal(error.message, 'the portal did not turn the sign-in into a session: still "not authorized" after 5 tries; run the command again');
    return true;
  });
  assert.equal(emu.requests.filter((r) => r.op === 'SsoToken').length, 5);
});

/** A sign-in host of our own whose `start` step answers `answer` (shapes the emulator does not serve). */
async function oddSigninHost(answer: (res: ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url?.startsWith('/login?')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ redirectUrl: `${url}/platform/d-0123456789/login?workflowStateHandle=h0`, csrfToken: '1234567890' }));
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const stepId = req.method === 'POST' ? (JSON.parse(body) as { stepId: string }).stepId : undefined;
      if (stepId === 'start') return answer(res);
      res.writeHead(200, { 'content-type': stepId === undefined ? 'text/html' : 'application/json' });
      res.end(stepId === undefined ? '<html></html>' : JSON.stringify({ stepId: 'start', workflowStateHandle: 'h1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

test('a POST redirect is handed over; an HTML page where JSON was expected is named by its title, never printed', async () => {
  const post = await oddSigninHost((res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ stepId: 'end-of-workflow-success', workflowStateHandle: 'h2', redirect: { url: 'https://example.com/saml', method: 'POST', postParams: [{ name: 'SAMLRequest', value: 'x' }] } }));
  });
  const page = await oddSigninHost((res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><head><title>Sign In - Example Okta</title></head><body><form><input name="password"></form></body></html>');
  });
  try {
    const target = (host: { url: string }) => ({ url: host.url, startUrl: `${host.url}/start`, region: 'us-east-1' });
    await assert.rejects(signInOverHttp(signInContext(target(post), testHttp(target(post))).ctx),
      new HandOver('unknown-step', 'the sign-in goes on with a form post, which only a browser makes'));
    await assert.rejects(signInOverHttp(signInContext(target(page), testHttp(target(page))).ctx), (error: Error) => {
      assert.ok(error instanceof HandOver);
      assert.equal(error.message, 'the sign-in answered step `start` with a page titled "Sign In - Example Okta" (HTTP 200) where awssso expected JSON');
      return true;
    });
  } finally {
    await post.close();
    await page.close();
  }
});
