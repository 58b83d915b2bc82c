// The page-state table against pages shaped like the real ones (docs/protocol.md §10, the
// legacy wdc_* pages, challenges), read by the real snapshot script in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebElement } from 'selenium-webdriver';
import { readFile } from 'node:fs/promises';
import { By } from 'selenium-webdriver';
import { saveDiagnostics } from '../../src/signin/browser/diagnostics.js';
import type { ChromeDriver } from '../../src/signin/browser/driver.js';
import { NetworkLog } from '../../src/signin/browser/network-log.js';
import { runStates } from '../../src/signin/browser/run-states.js';
import type { SignInQuestions } from '../../src/signin/contract.js';
import { SNAPSHOT_SCRIPT, type PageSnapshot } from '../../src/signin/browser/page-snapshot.js';
import { fieldKind, recognise, submitButton } from '../../src/signin/browser/page-states.js';
import { startTestDriver, tempHome, type Home } from './kit.js';

const PAGES: Record<string, string> = {
  'awsui-username': `<form><label for="awsui-input-0">Username</label><input id="awsui-input-0" type="text">
    <button type="submit">Next</button><button type="button">Cancel</button></form>`,
  'awsui-password': `<p>demo@example.com</p><label for="awsui-input-1">Password</label><input id="awsui-input-1" type="password">
    <button type="button">Forgot password?</button><button type="submit">Sign in</button>`,
  'awsui-mfa': `<h1>Multi-factor authentication</h1><input id="awsui-input-2" placeholder="Enter code">
    <input type="checkbox" id="trust"><label for="trust">This is a trusted device</label><button>Sign in</button>`,
  'email-code': `<p>We emailed a verification code to d***@example.com.</p><label>Code <input name="otp" inputmode="numeric"></label><button>Verify</button>`,
  'legacy-login': `<form><input id="wdc_username" name="username"><input id="wdc_password" type="password">
    <button id="wdc_login_button" type="button">Sign In</button></form>`,
  'legacy-mfa': `<form id="mfa_form"><input id="wdc_mfacode"><input type="checkbox" id="wdc_mfacheckbox">
    <button id="wdc_login_button" type="button">Sign In</button></form>`,
  'legacy-error': `<div id="alertFrame">Your authentication information is incorrect. Please try again.</div>
    <input id="wdc_username"><input id="wdc_password" type="password"><button id="wdc_login_button">Sign In</button>`,
  'change-password': `<label>Current password<input type="password" autocomplete="current-password"></label>
    <label>New password<input type="password" autocomplete="new-password"></label>
    <label>Confirm password<input type="password"></label><button>Set new password</button>`,
  'cookie-banner': `<label>Username<input type="text" autocomplete="username"></label><button>Next</button>
    <div id="awsccc-cb"><button data-id="awsccc-cb-btn-customize">Customize</button><button data-id="awsccc-cb-btn-accept">Accept</button></div>`,
  captcha: `<h1>Security check</h1><div class="captcha-box"><input type="checkbox" id="c"><label for="c">I am not a robot</label></div><button>Continue</button>`,
  'captcha-frame': `<iframe title="reCAPTCHA" src="about:blank" width="300" height="80"></iframe><button>Submit</button>`,
  'security-key': `<h1>Use your security key</h1><p>Insert your security key and touch it.</p><button>Cancel</button>`,
  interstitial: `<h1>Review your account</h1><p>Your organization updated its sign-in terms.</p><button>Continue</button><button>Sign out</button>`,
  unknown: `<h1>Choose an account</h1><button>Account A</button><button>Account B</button>`,
  success: `<div data-analytics-alert="success">You are signed in</div>`,
  filled: `<label>Username<input id="user" autocomplete="username" value="demo@example.com"></label>
    <label>Password<input type="password" value="Demo-Passw0rd!"></label><label>Code<input id="code" autocomplete="one-time-code"></label>
    <input type="hidden" name="csrf" value="csrf-7f3a9c"><textarea>note-5d2e</textarea>
    <script>window.config = { token: 'tok-91be04' };</script><script type="application/json">{"handle":"h-c0ffee"}</script>`,
  'numeric-code': `<h1>Verify it's you</h1><label for="f">Enter the 6 digits</label><input id="f" inputmode="numeric"><button>Verify</button>`,
  'numeric-phone': `<label>Phone number<input name="phone" inputmode="numeric"></label><button>Next</button>`,
  'hidden-alert': `<div role="alert" style="display:none">old error</div><label>Username<input type="email"></label><button>Next</button>`,
  // a framework that resets the field once, keeping the element, right after the value is complete
  'resets-once': `<form method="post" action="/submitted"><label>Username<input name="username" autocomplete="username"></label>
    <button>Next</button></form><script>
    const field = document.querySelector('input');
    field.addEventListener('input', () => {
      if (field.value === 'demo@example.com' && !window.reset) setTimeout(() => { window.reset = true; field.value = ''; });
    });</script>`,
  // clears every keystroke at once: a later clear raced the read-back on a loaded machine, and the
  // sign-in then stalled "after username" instead
  'never-keeps': `<label>Username<input autocomplete="username" oninput="this.value = ''"></label><button>Next</button>`,
  // a single-page form that draws itself again while its answer is awaited
  'in-flight': `<div id="app"></div><script>
    const draw = () => {
      app.innerHTML = '<form><label>Username<input autocomplete="username"></label><button>Next</button></form>';
      app.querySelector('form').addEventListener('submit', (ev) => {
        ev.preventDefault();
        setTimeout(draw, 300);
        fetch('/slow', { method: 'POST', body: app.querySelector('input').value }).then(() => location.assign('/success'));
      });
    };
    draw();</script>`,
};

/** The usernames the resets-once form sent, and the in-flight one. */
const submitted: string[] = [];
const sentSlowly: string[] = [];

let server: Server;
let base: string;
let driver: ChromeDriver;
let home: Home;

before(async () => {
  server = createServer(async (req, res) => {
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      if (req.url === '/slow') {
        sentSlowly.push(body);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        res.writeHead(200, { 'Set-Cookie': 'x-amz-sso_authn=session-2; Path=/' }).end();
        return;
      }
      submitted.push(new URLSearchParams(body).get('username') ?? '');
      res.writeHead(302, { Location: '/success', 'Set-Cookie': 'x-amz-sso_authn=session-1; Path=/' }).end();
      return;
    }
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    const body = PAGES[name];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>${name}</title></head><body>${body ?? 'not found'}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  home = await tempHome();
  driver = await startTestDriver(home);
});

after(async () => {
  await driver?.quit();
  await new Promise((resolve) => server?.close(resolve));
  await home?.remove();
});

/** The page as the loop sees it; `trustedHost` as for a page on an AWS sign-in host. */
async function snapshot(name: string, trustedHost = true): Promise<PageSnapshot<WebElement>> {
  await driver.get(`${base}/${name}`);
  const page = await driver.executeScript<Omit<PageSnapshot<WebElement>, 'hasSession' | 'trustedHost'>>(SNAPSHOT_SCRIPT);
  return { ...page, hasSession: false, trustedHost };
}

const stateOf = async (name: string) => recognise(await snapshot(name))?.name;

test('modern pages: username, password and MFA code by the selectors of docs/protocol.md §10', async () => {
  assert.equal(await stateOf('awsui-username'), 'username');
  assert.equal(await stateOf('awsui-password'), 'password');
  const mfa = await snapshot('awsui-mfa');
  assert.equal(recognise(mfa)?.name, 'mfa-code');
  assert.deepEqual(mfa.boxes.map((b) => b.label), ['This is a trusted device']);
});

test('the button that submits a form is the submit-like one, never Cancel or Forgot password', async () => {
  assert.equal(submitButton(await snapshot('awsui-username'))?.text, 'Next');
  assert.equal(submitButton(await snapshot('awsui-password'))?.text, 'Sign in');
  assert.equal(submitButton(await snapshot('legacy-mfa'))?.id, 'wdc_login_button');
});

test('legacy wdc pages: one form with username and password, then #mfa_form, errors in #alertFrame', async () => {
  const login = await snapshot('legacy-login');
  assert.equal(recognise(login)?.name, 'password');
  assert.deepEqual(login.fields.map(fieldKind), ['username', 'password']);
  assert.equal(await stateOf('legacy-mfa'), 'mfa-code');
  const error = await snapshot('legacy-error');
  assert.deepEqual(error.alerts, ['Your authentication information is incorrect. Please try again.']);
  assert.equal(recognise(error)?.name, 'error-banner');
});

test('by labels, autocomplete and input types where ids say nothing', async () => {
  const email = await snapshot('email-code');
  assert.equal(recognise(email)?.name, 'mfa-code');
  assert.equal(await stateOf('numeric-code'), 'mfa-code', 'a numeric keypad field that names nothing else is a code');
  assert.equal(await stateOf('numeric-phone'), undefined, 'a phone number is not a code');
  assert.deepEqual((await snapshot('change-password')).fields.map(fieldKind), ['password', 'new-password', 'new-password']);
  assert.equal(await stateOf('change-password'), 'change-password');
  assert.equal(await stateOf('hidden-alert'), 'username', 'a hidden banner is no error');
});

test('the cookie banner is accepted before anything else on the page', async () => {
  assert.equal(await stateOf('cookie-banner'), 'cookie-banner');
});

test('challenges need the person; an unknown page is not guessed at', async () => {
  for (const name of ['captcha', 'captcha-frame']) {
    const page = await snapshot(name);
    assert.equal(recognise(page)?.needsPerson?.(page), 'captcha', name);
  }
  const key = await snapshot('security-key');
  assert.equal(recognise(key)?.needsPerson?.(key), 'security key');
  assert.equal(await stateOf('unknown'), undefined);
});

test('a form on a host that is neither AWS nor configured (an organisation\'s own IdP) is left to the person', async () => {
  const page = await snapshot('awsui-password', false);
  assert.equal(recognise(page)?.needsPerson?.(page), `sign-in at ${new URL(base).host}`);
  assert.equal(recognise(await snapshot('interstitial', false))?.name, 'interstitial', 'a Continue button types nothing, wherever it is');
});

test('an interstitial with one way on is clicked through; the success banner waits for the cookie', async () => {
  const page = await snapshot('interstitial');
  assert.equal(recognise(page)?.name, 'interstitial');
  assert.equal(await stateOf('success'), 'success-banner');
});

/** For pages where nothing may be asked. */
const noAnswers: SignInQuestions = {
  username: 'demo@example.com',
  codesFromPerson: true,
  password: () => assert.fail('the password was asked'),
  mfaCode: () => assert.fail('a code was asked'),
};

test('a page awssso does not know ends the sign-in after the stall time, naming the page', async () => {
  await driver.get(`${base}/unknown`);
  await assert.rejects(
    runStates({
      driver, startUrl: `${base}/start`, questions: noAnswers, visible: false, warn: assert.fail, whatToRun: '',
      visited: new Set(), mayAnswer: () => true, stallMs: 1000,
    }),
    /^AwsssoError: the browser sign-in stopped at a page awssso does not know: "unknown" \(127\.0\.0\.1:\d+\), for 1 s$/,
  );
});

test('a field that loses its value after typing (same element) is typed again before the submit', async () => {
  await driver.manage().deleteAllCookies();
  await driver.get(`${base}/resets-once`);
  const token = await runStates({
    driver, startUrl: `${base}/start`, questions: noAnswers, visible: false, warn: assert.fail, whatToRun: '',
    visited: new Set(), mayAnswer: () => true,
  });
  assert.equal(token, 'session-1');
  assert.deepEqual(submitted, ['demo@example.com']);
  assert.equal(await driver.executeScript('return window.reset'), null, 'a new page after the submit');
});

test('a form drawn again while its answer is awaited is not answered twice', async () => {
  await driver.get(`${base}/in-flight`);
  await driver.manage().deleteAllCookies();
  const network = await NetworkLog.start(driver, { pageBodies: false });
  const token = await runStates({
    driver, startUrl: `${base}/start`, questions: noAnswers, visible: false, warn: assert.fail, whatToRun: '',
    visited: new Set(), mayAnswer: () => true, network,
  });
  assert.equal(token, 'session-2');
  assert.deepEqual(sentSlowly, ['demo@example.com']);
});

test('a field that never keeps what is typed ends the sign-in after the stall time, in one line', async () => {
  await driver.get(`${base}/never-keeps`);
  await driver.manage().deleteAllCookies();
  await assert.rejects(
    runStates({
      driver, startUrl: `${base}/start`, questions: noAnswers, visible: false, warn: assert.fail, whatToRun: '',
      visited: new Set(), mayAnswer: () => true, stallMs: 1000,
    }),
    /^AwsssoError: the sign-in page "never-keeps" \(127\.0\.0\.1:\d+\) did not settle within 1 s: it kept changing or waiting for an answer$/,
  );
});

test('a saved page keeps no password or code: neither what the page held nor what was typed', async () => {
  await driver.get(`${base}/filled`);
  await driver.findElement(By.id('code')).sendKeys('424242');
  const [png, html] = await saveDiagnostics(driver, home.env, []);
  assert.ok(png?.endsWith('.png'));
  const text = await readFile(html!, 'utf8');
  assert.doesNotMatch(text, /Demo-Passw0rd!|424242|csrf-7f3a9c|note-5d2e|tok-91be04|h-c0ffee/);
  assert.match(text, /id="user"/);
  assert.equal(await driver.executeScript('return document.getElementById("code").value'), '', 'emptied before the screenshot');
});
