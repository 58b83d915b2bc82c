// The sign-in page: a small single-page app that drives the same /api/execute step machine
// an HTTP client uses, rendering one view per stepId with the element ids of the real pages
// (docs/protocol.md §10). Inline vanilla JS; WebCrypto builds the password JWE. Like a real
// browser it sends a FingerPrintRequestInput with every step: an opaque value it makes up.
import { configScript } from './config.js';
import { page } from './layout.js';

export interface SigninPageConfig {
  startUrl: string;
  /** Render each view late (after a delay) and once more, with new elements, soon after. */
  late: boolean;
  captchaStep: string;
  emailOtpStep: string;
  unlistedTotpStep: string;
  unlistedTotpInput: string;
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
const fingerPrint = { input_type: 'FingerPrintRequestInput', fingerPrint: 'emulator-page:' + crypto.randomUUID() };
// The late variant: views appear LATE_MS after they are asked for and are drawn again RERENDER_MS later.
const LATE_MS = 600, RERENDER_MS = 400;
let generation = 0;

const b64u = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');

/** Compact JWE, RSA-OAEP-256 + A256GCM, with the claims the password service checks. */
async function encryptSecret(secret) {
  const enc = new TextEncoder();
  const header = { alg: 'RSA-OAEP-256', kid: encryption.publicKey.kid, enc: 'A256GCM', cty: 'enc', typ: 'application/aws+signin+jwe' };
  const now = Math.floor(Date.now() / 1000);
  // The context names issuer and audience bare; the claims carry them prefixed with the region.
  const claims = { iss: encryption.region + '.' + encryption.issuer, aud: encryption.region + '.' + encryption.audience, iat: now, nbf: now, exp: now + 300, jti: crypto.randomUUID(), password: secret };
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

/** Stands in for the firewall's challenge script: earns the aws-waf-token cookie. */
async function passFirewall(action) {
  if (action === 'captcha') {
    await new Promise((resolve) => {
      view('<h1>Let\'s confirm you are human</h1><div class="captcha">' +
        '<button type="button" id="waf-captcha-checkbox" data-testid="waf-captcha-checkbox" role="checkbox" class="secondary">&#9744;</button>' +
        '<label for="waf-captcha-checkbox">I\'m not a robot</label></div>', null, () => {
        document.getElementById('waf-captcha-checkbox').addEventListener('click', resolve);
      });
    });
  }
  await fetch('/emulator/waf-token', { method: 'POST', credentials: 'same-origin' });
}

/** One /api/execute call; on success the newest handle is kept and the answer returned. */
async function execute(stepId, inputs, actionId) {
  const requestId = crypto.randomUUID();
  const body = { stepId, workflowStateHandle: handle, inputs: inputs.concat([fingerPrint]), requestId };
  if (actionId) body.actionId = actionId;
  else if (stepId !== '' && stepId !== 'start') body.actionId = 'SUBMIT';
  busy(true);
  let res, answer = {};
  try {
    for (let attempt = 0; ; attempt++) {
      res = await fetch(api, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json; charset=UTF-8', 'x-amzn-requestid': requestId }, body: JSON.stringify(body) });
      const waf = res.headers.get('x-amzn-waf-action');
      if (!waf || attempt > 0 || res.status === 403) break;
      await passFirewall(waf);
    }
    answer = await res.json().catch(() => ({}));
  } catch (e) {
    busy(false);
    showError('The sign-in service could not be reached.');
    return null;
  }
  busy(false);
  if (!res.ok) {
    const m = answer.message && typeof answer.message === 'object' ? answer.message : {};
    showError(m.heading ? m.heading + ': ' + m.text : 'Sign-in failed (HTTP ' + res.status + ').');
    // An error answer may rotate the handle: the retry uses the newest.
    if (answer.workflowStateHandle) handle = answer.workflowStateHandle;
    else if (res.status !== 403) renderExpired();
    return null;
  }
  handle = answer.workflowStateHandle;
  return answer;
}

async function step(stepId, inputs, actionId) {
  const answer = await execute(stepId, inputs, actionId);
  if (answer) render(answer);
}

const userInput = () => ({ input_type: 'UserRequestInput', username });

/** Shows a view; "wire" binds other elements. The late variant draws it late, then again with new elements. */
function view(html, onSubmit, wire) {
  const mine = ++generation;
  const draw = () => {
    if (mine !== generation) return;
    app.innerHTML = html;
    const form = app.querySelector('form');
    if (form && onSubmit) form.addEventListener('submit', (ev) => { ev.preventDefault(); onSubmit(form); });
    if (wire) wire();
    const first = app.querySelector('input:not([type=checkbox]), button');
    if (first) first.focus();
  };
  if (!cfg.late) return draw();
  app.innerHTML = '<p>Loading&hellip;</p>';
  setTimeout(() => { draw(); setTimeout(draw, RERENDER_MS); }, LATE_MS);
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
    step('get-password', [{ input_type: 'PasswordRequestInput', password: jwe, successfullyEncrypted: 'SUCCESSFUL', passwordString: null, errorLog: null },
      { input_type: 'UserPreferencesRequestInput' }, userInput()]);
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
  renderCode('Enter the code from your authenticator app.', trustedDeviceBox(challenge),
    (code) => step('get-mfa', [{ input_type: 'MfaRequestInput', mfaType: challenge.mfaType, mfaCode: code, rememberDevice: remembered() }, userInput()]));
}

// The evidenced code steps do not say whether a trusted device is allowed: the box is always offered.
const trustBox = trustedDeviceBox({ rememberDeviceAllowed: true });
const preferences = () => ({ input_type: 'UserPreferencesRequestInput', trustDevice: remembered() });

/** A code page (authenticator app or e-mail): the field the browser fallback looks for, whatever the step's input shape. */
function renderCode(hint, trustHtml, submit, extraButtons, wire) {
  view('<h1>Multi-factor authentication</h1><p>' + hint + '</p><form novalidate>' +
    '<label for="awsui-input-2">MFA code</label><input id="awsui-input-2" name="mfaCode" type="text" inputmode="numeric" ' +
    'autocomplete="one-time-code" placeholder="Enter code">' + trustHtml +
    '<button type="submit" id="mfa-submit-button" data-testid="test-primary-button">Sign in</button>' + (extraButtons || '') + '</form>', () => {
    const field = document.getElementById('awsui-input-2');
    const code = field.value.trim();
    if (!code) return showError('Enter your code.');
    field.value = '';
    clearError();
    submit(code);
  }, wire);
}

function renderEmailOtp() {
  renderCode('Enter the verification code we sent to your email address.', trustBox,
    (code) => step(cfg.emailOtpStep, [{ input_type: 'EmailOTPLoginRequestInput', emailOTPLoginResponseCode: code }, preferences(), userInput()]),
    '<button type="button" class="secondary" id="resend-code-button" data-testid="resend-code-button">Resend code</button>',
    () => document.getElementById('resend-code-button').addEventListener('click', () => { clearError(); step(cfg.emailOtpStep, [], 'RETRY'); }));
}

function renderUnlistedTotp() {
  renderCode('Enter the code from your authenticator app.', trustBox,
    (code) => step(cfg.unlistedTotpStep, [{ input_type: cfg.unlistedTotpInput, authenticatorAppCode: code }, preferences(), userInput()]));
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
  // The token names the challenge (captchaToken) or is the last path segment of the image (captchaURL).
  const token = captcha.captchaToken || captcha.captchaURL.split('/').pop().replace(/\.png$/, '');
  view('<h1>Security check</h1><p>Confirm that you are a person to continue.</p><div class="captcha">' +
    '<button type="button" id="captcha-checkbox" data-testid="captcha-checkbox" role="checkbox" aria-checked="false" class="secondary">&#9744;</button>' +
    '<label for="captcha-checkbox">I\'m not a robot</label></div>', null, () => {
    document.getElementById('captcha-checkbox').addEventListener('click', (ev) => {
      ev.currentTarget.setAttribute('aria-checked', 'true');
      ev.currentTarget.innerHTML = '&#9745;';
      clearError();
      step(cfg.captchaStep, [{ input_type: 'CaptchaRequestInput', captchaToken: token, answer: 'checked' }]);
    });
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
  // Only a non-empty token or image URL is a challenge; the empty shell is on every answer.
  const captcha = answer.captchaResponse || {};
  if (captcha.captchaToken || captcha.captchaURL) return renderCaptcha(captcha);
  switch (answer.stepId) {
    case 'start': return void step('start', []);
    case 'get-identity-user': return renderUsername();
    case 'get-password': return renderPassword();
    case 'get-mfa': return renderMfa(data.mfaChallengeResponse || {});
    case cfg.emailOtpStep: return renderEmailOtp();
    case cfg.unlistedTotpStep: return renderUnlistedTotp();
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
