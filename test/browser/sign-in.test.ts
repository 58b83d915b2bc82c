// The browser sign-in in real headless Chromium against the loopback emulator's HTML pages:
// what a person would notice (signed in or not, asked for what, told what) and what the
// portal saw (the emulator's request log).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { CookieJar } from 'tough-cookie';
import { browserSignIn } from '../../src/signin/browser/browser-sign-in.js';
import { signInAs } from '../../src/auth/sign-in.js';
import { NeedsPerson, SignInRejected } from '../../src/errors.js';
import { PortalClient } from '../../src/http/portal.js';
import { signInOverHttp } from '../../src/signin/http/sign-in-over-http.js';
import { secretName } from '../../src/store/secret-store.js';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { signInContext, testHttp, wrongTotp } from '../http/emulator-kit.js';
import { freePort } from '../helpers/processes.js';
import { startLegacyPortal } from './legacy-portal.js';
import { assertPortalAccepts } from '../helpers/session-check.js';
import { browserCase, DEMO_USER, tempHome, totpNow, type Home } from './kit.js';

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function emulator(scenario?: Scenario): Promise<RunningEmulator> {
  const emu = await startEmulator(scenario ? { scenario } : {});
  cleanups.push(() => emu.close());
  return emu;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function home(extra?: NodeJS.ProcessEnv): Promise<Home> {
  const made = await tempHome(extra);
  cleanups.push(() => made.remove());
  return made;
}

const demoUser = (extra: Record<string, unknown>) => ({ users: [{ ...DEMO_USER, ...extra }] });
const mfaSteps = (emu: RunningEmulator) => emu.requests.filter((r) => r.op === 'SignInStep' && r.step === 'get-mfa').length;
const signIns = (emu: RunningEmulator) => emu.requests.filter((r) => r.op === 'SsoToken' && r.status === 200).length;
const NO_DISPLAY = 'the sign-in needs you (captcha): run `awssso login --browser-fallback --no-headless` where a display exists';
const REFUSED = "sign-in refused: Something doesn't compute: We couldn't verify your sign-in credentials. Please try again.";
/** The one line a completed browser sign-in says, naming its shape file. */
const SHAPE_LINE = /^the sign-in steps Chrome went through \(their shape, no values\) are in (\S+): attach it to a bug report so that awssso can learn them$/;

test('a forced browser sign-in with a TOTP code gives a portal session the portal API accepts', async () => {
  const emu = await emulator();
  const c = browserCase(emu, await home());
  const token = await browserSignIn(c.request, c.options);
  assert.deepEqual(c.asked, { password: 1, mfa: ['TOTP'], newPassword: 0 });
  const portal = new PortalClient(c.request.tools.http, emu.url, token);
  assert.deepEqual((await portal.listAccounts()).map((a) => a.accountId), ['111122223333', '444455556666', '777788889999']);
  assert.equal(signIns(emu), 1);
  assert.equal(c.warnings.length, 1);
  assert.match(c.warnings[0]!, SHAPE_LINE);
});

test('a code step no client knows: Chrome answers it with a code from the seed, and saves its shape without a value', async () => {
  const emu = await emulator(demoUser({ mfa: 'always', mfaType: 'TOTP_UNLISTED' }));
  const h = await home();
  const codes: string[] = [];
  const c = browserCase(emu, h, { code: async () => codes[codes.push(await totpNow(DEMO_USER.totpSeed)) - 1]! });
  const token = await browserSignIn(c.request, c.options);
  assert.deepEqual(c.asked.mfa, ['TOTP'], 'the code came from the TOTP question, which the stored seed answers');
  assert.ok(emu.requests.some((r) => r.op === 'SignInStep' && r.step === 'get-totp-login-credential' && r.status === 200));
  assert.equal(c.warnings.length, 1);
  const [, path] = SHAPE_LINE.exec(c.warnings[0]!) ?? [];
  assert.equal(dirname(path!), join(h.env.AWSSSO_CONFIG_DIR!, 'debug'));
  assert.equal((await stat(path!)).mode & 0o777, 0o600);
  const text = await readFile(path!, 'utf8');
  const steps = (JSON.parse(text) as { exchanges: { url: string; status: number; request?: { stepId?: string; inputs?: Record<string, string>[] } }[] })
    .exchanges.filter((x) => x.url.endsWith('/api/execute'));
  const code = steps.find((x) => x.request?.stepId === 'get-totp-login-credential');
  assert.equal(code?.status, 200);
  assert.deepEqual(code?.request?.inputs?.[0], { input_type: 'AuthenticatorAppLoginRequestInput', authenticatorAppCode: 'string' });
  assert.ok(steps.some((x) => x.request?.stepId === 'get-password' && x.status === 200));
  for (const value of [DEMO_USER.username, DEMO_USER.password, DEMO_USER.totpSeed, ...codes, token, emu.directoryId]) {
    assert.ok(!text.includes(value), `the shape holds ${value}`);
  }
});

test('the trusted device earned in the browser lets the next HTTP sign-in skip MFA, and the other way round', async () => {
  const emu = await emulator();
  const jar = new CookieJar();
  const browser = browserCase(emu, await home(), { jar });
  await browserSignIn(browser.request, browser.options);
  assert.equal(mfaSteps(emu), 1);
  const http = signInContext(emu, testHttp(emu, jar));
  await signInOverHttp(http.ctx);
  assert.deepEqual(http.asked.mfa, [], 'the HTTP sign-in used the browser\'s trusted-device cookie');

  // HTTP first, then a browser with a fresh profile: the jar's cookie goes into the browser
  const jar2 = new CookieJar();
  await signInOverHttp(signInContext(emu, testHttp(emu, jar2)).ctx);
  const second = browserCase(emu, await home(), { jar: jar2 });
  await browserSignIn(second.request, second.options);
  assert.deepEqual(second.asked.mfa, [], 'the browser used the HTTP path\'s trusted-device cookie');
  assert.equal(mfaSteps(emu), 2);
  assert.equal(signIns(emu), 4);
});

test('two sign-ins at once share the one browser profile by taking turns', async () => {
  const emu = await emulator(demoUser({ mfa: 'off' }));
  const h = await home();
  const [a, b] = [browserCase(emu, h), browserCase(emu, h)];
  const sessions = await Promise.all([browserSignIn(a.request, a.options), browserSignIn(b.request, b.options)]);
  assert.notEqual(sessions[0], sessions[1]);
  assert.equal(signIns(emu), 2);
});

test('an unknown step hands over from HTTP to the browser, which clicks through it with no further input', async () => {
  const emu = await emulator({ challenge: 'unknown-step' });
  const h = await home();
  const c = browserCase(emu, h);
  c.run.browser.mode = 'auto';
  const { username, url } = c.run.profile;
  await c.secrets.set(secretName('password', username, url), DEMO_USER.password);
  await c.secrets.set(secretName('totp-seed', username, url), DEMO_USER.totpSeed);
  const token = await signInAs(c.run, { ...c.request.tools, secrets: c.secrets });
  assert.equal(c.warnings.length, 2, c.warnings.join('\n'));
  assert.match(c.warnings[0]!, /continuing in Chrome$/);
  assert.match(c.warnings[1]!, SHAPE_LINE);
  await assertPortalAccepts(c.request.tools.http, emu.url, token, DEMO_USER.username);
  // the browser submitted the notice step the HTTP path did not know
  assert.ok(emu.requests.some((r) => r.op === 'SignInStep' && r.step === 'confirm-account-notice' && r.status === 200));
  assert.equal(signIns(emu), 1);
});

test('a wrong password is reported with the page\'s banner and not retried', async () => {
  const emu = await emulator();
  const c = browserCase(emu, await home(), { password: 'Wrong-Passw0rd!' });
  await assert.rejects(browserSignIn(c.request, c.options), (error: Error) => {
    assert.ok(error instanceof SignInRejected);
    assert.equal(error.message, REFUSED);
    return true;
  });
  assert.equal(c.asked.password, 1);
  assert.equal(emu.requests.filter((r) => r.op === 'SignInStep' && r.step === 'get-password').length, 1);
});

test('a wrong MFA code is reported, not retried', async () => {
  const emu = await emulator();
  const c = browserCase(emu, await home(), { code: wrongTotp });
  await assert.rejects(browserSignIn(c.request, c.options), new SignInRejected(REFUSED));
  assert.equal(mfaSteps(emu), 1);
});

test('a captcha with no display fails with what to run, even when a visible browser was asked for', async () => {
  const emu = await emulator({ challenge: 'captcha' });
  for (const headless of [true, false]) {
    const c = browserCase(emu, await home(), { headless });
    await assert.rejects(browserSignIn(c.request, c.options), (error: Error) => {
      assert.ok(error instanceof NeedsPerson);
      assert.equal(error.message, NO_DISPLAY);
      return true;
    });
    assert.equal(c.asked.password, 0, 'the password is never typed past a challenge');
    if (!headless) assert.match(c.warnings[0]!, /^no display here/);
  }
  assert.equal(signIns(emu), 0);
});

test('a security key needs the person', async () => {
  const emu = await emulator(demoUser({ mfaType: 'WEBAUTHN' }));
  const c = browserCase(emu, await home());
  await assert.rejects(browserSignIn(c.request, c.options),
    /^NeedsPerson: the sign-in needs you \(security key\): run `awssso login --browser-fallback --no-headless` where a display exists$/);
  assert.deepEqual(c.warnings, []);
  assert.equal(signIns(emu), 0);
});

test('when the browser fails, its page is saved under debug/ and both paths are said in one line', async () => {
  const emu = await emulator();
  const h = await home();
  const closed = await freePort();
  const c = browserCase({ ...emu, startUrl: `http://127.0.0.1:${closed}/start` }, h);
  await assert.rejects(browserSignIn(c.request, c.options), /^AwsssoError: Chrome could not load 127\.0\.0\.1: ERR_CONNECTION_REFUSED$/);
  assert.equal(c.warnings.length, 1);
  const [, png, html] = /^the browser sign-in failed; its page is saved in (\S+) and (\S+)$/.exec(c.warnings[0]!) ?? [];
  assert.equal(dirname(png!), join(h.env.AWSSSO_CONFIG_DIR!, 'debug'));
  assert.deepEqual((await readFile(png!)).subarray(1, 4).toString(), 'PNG');
  assert.match(await readFile(html!, 'utf8'), /ERR_CONNECTION_REFUSED/);
  assert.equal((await stat(html!)).mode & 0o777, 0o600);
});

test('the legacy pages: username and password in one form, then the MFA form with its trust box ticked', async () => {
  const legacy = await startLegacyPortal();
  cleanups.push(() => legacy.close());
  const jar = new CookieJar();
  const first = browserCase(legacy, await home(), { jar });
  const token = await browserSignIn(first.request, first.options);
  assert.match(token, /^[0-9a-f]{48}$/);
  assert.deepEqual(first.asked, { password: 1, mfa: ['TOTP'], newPassword: 0 });
  // a fresh browser profile with the jar: the trusted-device cookie skips the MFA form
  const again = browserCase(legacy, await home(), { jar });
  await browserSignIn(again.request, again.options);
  assert.deepEqual(again.asked.mfa, []);
  assert.equal(legacy.mfaShown, 1);

  const wrong = browserCase(legacy, await home(), { password: 'Wrong-Passw0rd!' });
  await assert.rejects(browserSignIn(wrong.request, wrong.options),
    /^SignInRejected: sign-in refused: Your authentication information is incorrect\. Please try again\.$/);
});

test('a start URL that leads to a sign-in form on another host gets nothing typed there', async () => {
  const idp = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<title>Corporate sign-in</title><form><label>Username<input name="user"></label><label>Password<input type="password"></label><button>Sign in</button></form>');
  });
  const idpUrl = await listen(idp);
  const portal = createServer((_req, res) => res.writeHead(302, { Location: `${idpUrl}/sso/saml` }).end());
  const portalUrl = await listen(portal);
  const c = browserCase({ url: portalUrl, startUrl: `${portalUrl}/start`, region: 'us-east-1' }, await home());
  await assert.rejects(browserSignIn(c.request, c.options), new NeedsPerson(
    `the sign-in needs you (sign-in at ${new URL(idpUrl).host}): run \`awssso login --browser-fallback --no-headless\` where a display exists`));
  assert.equal(c.asked.password, 0);
});

test('a first sign-in that must choose a new password uses the answer, or says what to run without one', async () => {
  const emu = await emulator(demoUser({ mustChangePassword: true, mfa: 'off' }));
  const without = browserCase(emu, await home());
  await assert.rejects(browserSignIn(without.request, without.options),
    /^NeedsPerson: the directory asks demo@example.com to choose a new password: run `awssso login -p default` in a terminal$/);
  const c = browserCase(emu, await home(), { newPassword: 'N3w-Passw0rd!' });
  const token = await browserSignIn(c.request, c.options);
  await assertPortalAccepts(c.request.tools.http, emu.url, token, DEMO_USER.username);
  assert.equal(c.asked.newPassword, 1);
  // the directory took the new password: the old one is refused now
  const old = browserCase(emu, await home());
  await assert.rejects(browserSignIn(old.request, old.options), new SignInRejected(REFUSED));
});
