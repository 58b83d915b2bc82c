// The sign-in page: a small single-page app that drives the same /api/execute step machine
// an HTTP client uses, rendering one view per stepId with the element ids of the real pages
// (protocol.md section 10). Inline vanilla JS; WebCrypto builds the password JWE.
import { configScript } from './config.js';
import { page } from './layout.js';

export interface SigninPageConfig {
  startUrl: string;
  captchaStep: string;
  noticeStep: string;
  changePasswordStep: string;
}

const SCRIPT = String.raw`
const cfg = JSON.parse(document.getElementById('emulator-config').textContent);
const api = location.pathname.replace(/\/login$/, '/api/execute');
const app = document.getElementById('app');
const errorBox = document.getElementById('signin-error');
let handle = new URLSearchParams(location.search).get('workflowStateHandle') || '';
let username = '';
let encryption = null;

const b64u = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');

/** Compact JWE, RSA-OAEP-256 + A256GCM, with the claims the password service checks. */
async function encryptSecret(secret) {
  const enc = new TextEncoder();
  const header = { alg: 'RSA-OAEP-256', kid: encryption.publicKey.kid, enc: 'A256GCM', cty: 'enc', typ: 'application/aws+signin+jwe' };
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: encryption.issuer, aud: encryption.audience, iat: now, nbf: now, exp: now + 300, jti: crypto.randomUUID(), password: secret };
  const protectedHeader = b64u(enc.encode(JSON.stringify(header)));
  const rsa = await crypto.subtle.importKey('jwk', { kty: 'RSA', n: encryption.publicKey.n, e: encryption.publicKey.e, ext: true },
    { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
  const cek = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const encryptedKey = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, rsa, cek);
  const aes = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(protectedHeader), tagLength: 128 },
    aes, enc.encode(JSON.stringify(claims))));
  return [protectedHeader, b64u(encryptedKey), b64u(iv), b64u(sealed.slice(0, -16)), b64u(sealed.slice(-16))].join('.');
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}
function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
}
function busy(on) {
  for (const b of app.querySelectorAll('button')) b.disabled = on;
}

/** One /api/execute call; on success the newest handle is kept and the answer returned. */
async function execute(stepId, inputs) {
  const requestId = crypto.randomUUID();
  const body = { stepId, workflowStateHandle: handle, inputs, requestId };
  if (stepId !== '' && stepId !== 'start') body.actionId = 'SUBMIT';
  busy(true);
  let res, answer = {};
  try {
    res = await fetch(api, { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json; charset=UTF-8', 'x-amzn-requestid': requestId }, body: JSON.stringify(body) });
    answer = await res.json().catch(() => ({}));
  } catch (e) {
    busy(false);
    showError('The sign-in service could not be reached.');
    return null;
  }
  busy(false);
  if (!res.ok) {
    showError(answer.message || 'Sign-in failed (HTTP ' + res.status + ').');
    if (answer.errorCode === 'INVALID_WORKFLOW_STATE_HANDLE') renderExpired();
    return null;
  }
  handle = answer.workflowStateHandle;
  return answer;
}

async function step(stepId, inputs) {
  const answer = await execute(stepId, inputs);
  if (answer) render(answer);
}

const userInput = () => ({ input_type: 'UserRequestInput', username });

function view(html, onSubmit) {
  app.innerHTML = html;
  const form = app.querySelector('form');
  if (form && onSubmit) form.addEventListener('submit', (ev) => { ev.preventDefault(); onSubmit(form); });
  const first = app.querySelector('input:not([type=checkbox]), button');
  if (first) first.focus();
}

function renderUsername() {
  view('<h1>Sign in</h1><form novalidate><label for="awsui-input-0">Username</label>' +
    '<input id="awsui-input-0" name="username" type="text" autocomplete="username" value="' + esc(username) + '">' +
    '<button type="submit" id="username-submit-button" data-testid="test-primary-button">Next</button></form>', () => {
    username = document.getElementById('awsui-input-0').value.trim();
    if (!username) return showError('Enter your username.');
    clearError();
    step('get-identity-user', [userInput(), { input_type: 'ApplicationTypeRequestInput', applicationType: 'SSO' }]);
  });
}

function renderPassword() {
  view('<h1>Sign in</h1><p>Username: <strong data-testid="username-display">' + esc(username) + '</strong></p><form novalidate>' +
    '<label for="awsui-input-1">Password</label><input id="awsui-input-1" name="password" type="password" autocomplete="current-password">' +
    '<button type="submit" id="password-submit-button" data-testid="test-primary-button">Sign in</button></form>', async () => {
    const field = document.getElementById('awsui-input-1');
    if (!field.value) return showError('Enter your password.');
    const jwe = await encryptSecret(field.value);
    field.value = '';
    clearError();
    step('get-password', [{ input_type: 'PasswordRequestInput', password: jwe, successfullyEncrypted: 'SUCCESSFUL' }, userInput()]);
  });
}

function trustedDeviceBox(challenge) {
  return challenge.rememberDeviceAllowed
    ? '<div class="check"><input type="checkbox" id="awsui-checkbox-0" name="rememberDevice" data-testid="trusted-device-checkbox">' +
      '<label for="awsui-checkbox-0">This is a trusted device</label></div>'
    : '';
}
const remembered = () => Boolean(document.getElementById('awsui-checkbox-0')?.checked);

function renderMfa(challenge) {
  if (challenge.mfaType === 'WEBAUTHN') {
    view('<h1>Use your security key</h1><p>Insert your security key and touch it when it blinks.</p><form novalidate>' + trustedDeviceBox(challenge) +
      '<button type="submit" id="security-key-button" data-testid="security-key-button">Use security key</button></form>', () => {
      clearError();
      step('get-mfa', [{ input_type: 'MfaRequestInput', mfaType: 'WEBAUTHN', webauthnResponse: { challenge: challenge.webauthnChallenge },
        rememberDevice: remembered() }, userInput()]);
    });
    return;
  }
  const hint = challenge.mfaType === 'EMAIL_OTP' ? 'Enter the verification code we sent to your email address.'
    : 'Enter the code from your authenticator app.';
  view('<h1>Multi-factor authentication</h1><p>' + hint + '</p><form novalidate>' +
    '<label for="awsui-input-2">MFA code</label><input id="awsui-input-2" name="mfaCode" type="text" inputmode="numeric" ' +
    'autocomplete="one-time-code" placeholder="Enter code">' + trustedDeviceBox(challenge) +
    '<button type="submit" id="mfa-submit-button" data-testid="test-primary-button">Sign in</button></form>', () => {
    const field = document.getElementById('awsui-input-2');
    const code = field.value.trim();
    if (!code) return showError('Enter your code.');
    field.value = '';
    clearError();
    step('get-mfa', [{ input_type: 'MfaRequestInput', mfaType: challenge.mfaType, mfaCode: code, rememberDevice: remembered() }, userInput()]);
  });
}

function renderChangePassword() {
  view('<h1>Set a new password</h1><p>Your administrator requires a new password.</p><form novalidate>' +
    '<label for="awsui-input-3">New password</label><input id="awsui-input-3" name="newPassword" type="password" autocomplete="new-password">' +
    '<label for="awsui-input-4">Confirm password</label><input id="awsui-input-4" name="confirmPassword" type="password" autocomplete="new-password">' +
    '<button type="submit" id="change-password-submit-button" data-testid="test-primary-button">Set new password</button></form>', async () => {
    const a = document.getElementById('awsui-input-3'), b = document.getElementById('awsui-input-4');
    if (!a.value) return showError('Enter a new password.');
    if (a.value !== b.value) return showError('The passwords do not match.');
    const jwe = await encryptSecret(a.value);
    a.value = b.value = '';
    clearError();
    step(cfg.changePasswordStep, [{ input_type: 'UpdatePasswordRequestInput', newPassword: jwe, successfullyEncrypted: 'SUCCESSFUL' }, userInput()]);
  });
}

function renderCaptcha(captcha) {
  view('<h1>Security check</h1><p>Confirm that you are a person to continue.</p><div class="captcha">' +
    '<button type="button" id="captcha-checkbox" data-testid="captcha-checkbox" role="checkbox" aria-checked="false" class="secondary">&#9744;</button>' +
    '<label for="captcha-checkbox">I\'m not a robot</label></div>');
  document.getElementById('captcha-checkbox').addEventListener('click', (ev) => {
    ev.currentTarget.setAttribute('aria-checked', 'true');
    ev.currentTarget.innerHTML = '&#9745;';
    clearError();
    step(cfg.captchaStep, [{ input_type: 'CaptchaRequestInput', challengeId: captcha.challengeId, answer: 'checked' }]);
  });
}

function renderNotice(notice) {
  view('<h1 data-testid="notice-title">' + esc(notice.title || 'Notice') + '</h1><p data-testid="notice-message">' + esc(notice.message || '') + '</p>' +
    '<form novalidate><button type="submit" id="notice-continue-button" data-testid="notice-continue-button">Continue</button></form>', () => {
    clearError();
    step(cfg.noticeStep, []);
  });
}

function renderExpired() {
  view('<h1>Sign in</h1><p><a id="start-over" href="' + esc(cfg.startUrl + '/') + '">Start again</a></p>');
}

function render(answer) {
  const data = answer.workflowResponseData || {};
  if (data.encryptionContextResponse) encryption = data.encryptionContextResponse;
  if (answer.redirect && answer.redirect.url) {
    // A deep link of the portal (#/device?user_code=...) survives the sign-in.
    const url = answer.redirect.url + (answer.redirect.url.includes('#') ? '' : location.hash);
    app.innerHTML = '<h1>Signing in&hellip;</h1>';
    location.assign(url);
    return;
  }
  if (answer.captchaResponse) return renderCaptcha(answer.captchaResponse);
  switch (answer.stepId) {
    case 'start': return void step('start', []);
    case 'get-identity-user': return renderUsername();
    case 'get-password': return renderPassword();
    case 'get-mfa': return renderMfa(data.mfaChallengeResponse || {});
    case cfg.changePasswordStep: return renderChangePassword();
    case cfg.noticeStep: return renderNotice(data.noticeResponse || {});
    default:
      showError('This sign-in step is not supported: ' + answer.stepId);
  }
}

function cookieBanner() {
  if (/(^|;\s*)awsccc=/.test(document.cookie)) return;
  const banner = document.getElementById('awsccc-cb');
  banner.hidden = false;
  for (const b of banner.querySelectorAll('button')) {
    b.addEventListener('click', () => {
      document.cookie = 'awsccc=' + b.dataset.choice + '; path=/; max-age=31536000; SameSite=Lax';
      banner.hidden = true;
    });
  }
}

cookieBanner();
step('', []);
`;

export function signinPage(cfg: SigninPageConfig): string {
  return page('Sign in', `
<div id="signin-error" data-testid="signin-error" role="alert" hidden></div>
<div id="app"><h1>Sign in</h1><p>Loading&hellip;</p></div>
<div id="awsccc-cb" data-testid="awsccc-cb" hidden><span>We use essential cookies to make our site work, and optional cookies to
improve it.</span><button type="button" data-id="awsccc-cb-btn-accept" data-choice="accepted">Accept</button>
<button type="button" class="secondary" data-id="awsccc-cb-btn-decline" data-choice="declined">Decline</button></div>
${configScript(cfg)}`, { script: SCRIPT });
}
