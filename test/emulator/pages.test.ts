// The emulator's HTML pages in a real headless Chromium (Selenium): the sign-in app drives
// the same step machine, the start page finishes the sign-in and approves a device code,
// and the captcha, security-key, change-password and interstitial pages can be completed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Builder, By, until, type WebDriver, type WebElement } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import { DEMO_USER } from './scenario.js';
import { startEmulator, type RunningEmulator, type Scenario } from './server.js';
import { totpNow } from './testkit.js';

let driver: WebDriver;
let profile: string;
const emulators: RunningEmulator[] = [];

before(async () => {
  process.env.SE_OFFLINE = 'true';
  profile = mkdtempSync(join(tmpdir(), 'emu-chrome-'));
  const options = new chrome.Options();
  options.setChromeBinaryPath('/usr/bin/chromium');
  options.addArguments('--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1');
  driver = await new Builder().forBrowser('chrome').setChromeOptions(options)
    .setChromeService(new chrome.ServiceBuilder('/usr/bin/chromedriver')).build();
});
after(async () => {
  await driver?.quit();
  await Promise.all(emulators.map((e) => e.close()));
  rmSync(profile, { recursive: true, force: true });
});

async function emulator(scenario?: Scenario): Promise<RunningEmulator> {
  const e = await startEmulator({ scenario });
  emulators.push(e);
  return e;
}

async function find(css: string): Promise<WebElement> {
  try {
    const el = await driver.wait(until.elementLocated(By.css(css)), 10_000);
    return await driver.wait(until.elementIsVisible(el), 10_000);
  } catch (e) {
    const text = await driver.executeScript<string>('return document.body.innerText');
    throw new Error(`${css} did not show on ${await driver.getCurrentUrl()}: ${text.slice(0, 300)}`, { cause: e });
  }
}

async function type(css: string, text: string): Promise<void> {
  const el = await find(css);
  await el.sendKeys(text);
}
const click = async (css: string) => (await find(css)).click();

async function portalCookie(): Promise<string | undefined> {
  return (await driver.manage().getCookie('x-amz-sso_authn'))?.value;
}

/** From the start URL through the username and password views. */
async function credentials(emu: RunningEmulator, username: string, password: string): Promise<void> {
  await driver.get(`${emu.startUrl}/`);
  await type('#awsui-input-0', username);
  await click('#username-submit-button');
  await type('#awsui-input-1', password);
  await click('#password-submit-button');
}

test('from the start URL: cookie banner, username, password, TOTP with trusted device, the portal, device and PKCE approval', async () => {
  const emu = await emulator();
  await driver.get(`${emu.startUrl}/`);
  assert.match(await driver.getCurrentUrl(), /\/platform\/d-0123456789\/login\?workflowStateHandle=/);
  await click('[data-id="awsccc-cb-btn-accept"]');
  await type('#awsui-input-0', DEMO_USER.username);
  await click('#username-submit-button');
  await type('#awsui-input-1', 'wrong-password');
  await click('#password-submit-button');
  assert.match(await (await find('[data-testid="signin-error"]')).getText(), /Something doesn't compute: We couldn't verify/);
  await type('#awsui-input-1', DEMO_USER.password);
  await click('#password-submit-button');
  await type('input[placeholder="Enter code"]', await totpNow(DEMO_USER.totpSeed));
  await click('#awsui-checkbox-0');
  await click('#mfa-submit-button');
  await find('[data-analytics-alert="success"]');
  await find('[data-testid="account-444455556666"]');
  assert.ok(await portalCookie());
  assert.ok(emu.requests.some((r) => r.op === 'SsoToken' && r.status === 200));

  // the device page approves a waiting client with that session
  const post = async (path: string, body: object) => (await fetch(`${emu.url}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  })).json() as Promise<Record<string, any>>;
  const reg = await post('/client/register', { clientName: 'selenium', clientType: 'public' });
  const dev = await post('/device_authorization', { clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: emu.startUrl });
  await driver.get(dev.verificationUriComplete);
  await click('#cli_verification_btn');
  await click('[data-testid="allow-access-button"]');
  await find('[data-analytics-alert="success"]');
  const tok = await post('/token', { clientId: reg.clientId, clientSecret: reg.clientSecret,
    grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: dev.deviceCode });
  assert.ok(tok.accessToken);

  // so does the consent page of a PKCE request; the browser lands on the client's callback
  const pkce = await post('/client/register', { clientName: 'pkce', clientType: 'public', scopes: ['sso:account:access'],
    grantTypes: ['authorization_code'], redirectUris: ['http://127.0.0.1/oauth/callback'] });
  const q = new URLSearchParams({ response_type: 'code', client_id: pkce.clientId, redirect_uri: 'http://127.0.0.1:9/oauth/callback',
    state: 'st', code_challenge_method: 'S256', scopes: 'sso:account:access', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' });
  await driver.get(`${emu.url}/authorize?${q}`);
  await click('[data-testid="allow-access-button"]');
  await driver.wait(async () => (await driver.getCurrentUrl()).startsWith('http://127.0.0.1:9/oauth/callback?code='), 10_000);

  // the sign-in host's own session (aws-usi-authn) takes the browser through without credentials
  await driver.get(`${emu.startUrl}/`);
  await driver.manage().deleteCookie('x-amz-sso_authn');
  const stepsBefore = emu.requests.filter((r) => r.op === 'SignInStep').length;
  await driver.get(`${emu.startUrl}/`);
  await find('[data-analytics-alert="success"]');
  assert.deepEqual(emu.requests.filter((r) => r.op === 'SignInStep').slice(stepsBefore).map((r) => r.step), ['', 'start']);

  // without it, the trusted device skips MFA next time (the cookie is visible on its /platform/<d-id> path only)
  await driver.manage().deleteCookie('x-amz-sso_authn');
  await driver.get(`${emu.url}/platform/${emu.directoryId}/nothing-here`);
  await driver.manage().deleteCookie('aws-usi-authn');
  await driver.get(`${emu.startUrl}/`);
  await type('#awsui-input-0', DEMO_USER.username);
  await click('#username-submit-button');
  await type('#awsui-input-1', DEMO_USER.password);
  await click('#password-submit-button');
  await find('[data-analytics-alert="success"]');
});

test('captcha, then a forced password change', async () => {
  const emu = await emulator({
    challenge: 'captcha',
    users: [{ username: 'new@example.com', password: 'Temp-Passw0rd!', mfa: 'off', mustChangePassword: true }],
  });
  await driver.get(`${emu.startUrl}/`);
  await type('#awsui-input-0', 'new@example.com');
  await click('#username-submit-button');
  await click('[data-testid="captcha-checkbox"]');
  await type('#awsui-input-1', 'Temp-Passw0rd!');
  await click('#password-submit-button');
  await type('#awsui-input-3', 'short');
  await type('#awsui-input-4', 'short');
  await click('#change-password-submit-button');
  assert.match(await (await find('[data-testid="signin-error"]')).getText(), /at least 8/);
  await type('#awsui-input-3', 'Brand-New-Passw0rd!');
  await type('#awsui-input-4', 'Brand-New-Passw0rd!');
  await click('#change-password-submit-button');
  await find('[data-analytics-alert="success"]');
  assert.ok(await portalCookie());
});

test('an unlisted interstitial step, then a security key', async () => {
  const emu = await emulator({
    challenge: 'unknown-step',
    users: [{ username: 'key@example.com', password: 'Key-Passw0rd!', mfa: 'always', mfaType: 'WEBAUTHN' }],
  });
  await driver.get(`${emu.startUrl}/`);
  await type('#awsui-input-0', 'key@example.com');
  await click('#username-submit-button');
  await type('#awsui-input-1', 'Key-Passw0rd!');
  await click('#password-submit-button');
  assert.equal(await (await find('#notice-continue-button')).getText(), 'Continue');
  assert.equal((await driver.findElements(By.css('#app input'))).length, 0);
  await click('#notice-continue-button');
  await click('[data-testid="security-key-button"]');
  await find('[data-analytics-alert="success"]');
  assert.deepEqual(emu.requests.filter((r) => r.op === 'SignInStep').map((r) => r.step).slice(-3),
    ['get-password', 'confirm-account-notice', 'get-mfa']);
});

test('the evidenced e-mail code step with a resent code, and an MFA step no client knows answered with a TOTP code', async () => {
  const mail = { username: 'mail@example.com', password: 'Mail-Passw0rd!', mfa: 'always' as const, mfaType: 'EMAIL_OTP' as const };
  const emu = await emulator({ users: [mail] });
  await credentials(emu, mail.username, mail.password);
  await find('input[placeholder="Enter code"]');
  await click('#resend-code-button');
  await driver.wait(async () => emu.mailbox(mail.username).length === 2, 10_000);
  await type('input[placeholder="Enter code"]', emu.mailbox(mail.username)[1]!);
  await click('#mfa-submit-button');
  await find('[data-analytics-alert="success"]');

  const app = { username: 'app@example.com', password: 'App-Passw0rd!', mfa: 'always' as const, mfaType: 'TOTP_UNLISTED' as const, totpSeed: DEMO_USER.totpSeed };
  const other = await emulator({ users: [app] });
  await credentials(other, app.username, app.password);
  await type('#awsui-input-2', await totpNow(app.totpSeed));
  await click('#mfa-submit-button');
  await find('[data-analytics-alert="success"]');
  assert.ok(other.requests.some((r) => r.step === 'get-totp-login-credential' && r.status === 200));
});

test('fingerprintRequired and a firewall captcha at the password: the page, which sends a fingerprint, passes the captcha and completes', async () => {
  const u = { username: 'fp@example.com', password: 'Fp-Passw0rd!', mfa: 'off' as const };
  const emu = await emulator({ users: [u], fingerprintRequired: true, firewall: { action: 'captcha', step: 'get-password' } });
  await credentials(emu, u.username, u.password);
  await click('[data-testid="waf-captcha-checkbox"]');
  await find('[data-analytics-alert="success"]');
  assert.deepEqual(emu.requests.filter((r) => r.step === 'get-password').map((r) => r.status), [405, 200]);
});

test('the late page variant draws each view late and once more with new elements; a browser that re-finds them signs in', async () => {
  const u = { username: 'late@example.com', password: 'Late-Passw0rd!', mfa: 'off' as const };
  const emu = await emulator({ users: [u], signinPage: 'late' });
  await driver.get(`${emu.startUrl}/`);
  const first = await find('#awsui-input-0');
  await driver.wait(until.stalenessOf(first), 10_000);
  await type('#awsui-input-0', u.username);
  await click('#username-submit-button');
  const pw = await find('#awsui-input-1');
  await driver.wait(until.stalenessOf(pw), 10_000);
  await type('#awsui-input-1', u.password);
  await click('#password-submit-button');
  await find('[data-analytics-alert="success"]');
});
