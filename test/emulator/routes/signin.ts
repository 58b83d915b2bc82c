// The sign-in host (docs/protocol.md §2 and §3): the JSON step machine behind
// /platform/<directoryId>/api/execute, and the page a browser completes it with.
import { randomInt } from 'node:crypto';
import type { Ctx, Emulator, Route } from '../context.js';
import { EVIDENCED_FOR, signinError, WRONG_CREDENTIALS_TEXT, type InventedSigninCode, type SigninErrorCode } from '../errors.js';
import { firewallAnswered } from '../firewall.js';
import { parseCookies, readJson, sendHtml, sendJson, sendText } from '../http.js';
import { b64url, uuid } from '../ids.js';
import { decryptPassword, encryptionContext, JweRejected, newWorkflowKey } from '../jwe.js';
import { signinPage } from '../pages/signin.js';
import type { ScenarioUser } from '../scenario.js';
import { csrfCookiesMatch, newSigninSession, signinSessionUser, workflowCookies } from '../signin-cookies.js';
import type { AfterPassword, Workflow } from '../state.js';
import { totpValid } from '../totp.js';
import { advance, findWorkflow, finish, rotate } from '../workflow.js';

/** Step ids beyond the evidenced table of docs/protocol.md §2 (documented in the README). */
export const CAPTCHA_STEP = 'verify-captcha';
export const NOTICE_STEP = 'confirm-account-notice';
export const CHANGE_PASSWORD_STEP = 'get-new-password-for-change-password';
/** The evidenced e-mail code step (docs/protocol.md §3 [code x2]). */
export const EMAIL_OTP_STEP = 'get-email-otp-login-credential';
/** An authenticator-app step no client knows (docs/protocol.md §3 [unknown]): only a browser answers it. */
export const UNLISTED_TOTP_STEP = 'get-totp-login-credential';
export const UNLISTED_TOTP_INPUT = 'AuthenticatorAppLoginRequestInput';
/** The project's guessed MFA step (docs/protocol.md §3 [inferred]), kept for the demo user. */
export const GUESSED_MFA_STEP = 'get-mfa';
export const TRUSTED_DEVICE_COOKIE = 'sso-trusted-device';

const AUTH_CODE_TTL_MS = 5 * 60 * 1000;
const TRUSTED_DEVICE_DAYS = 90;
/** Every ordinary answer carries this empty shell (docs/protocol.md §2 [code, measured]). */
const NO_CAPTCHA = { captchaToken: '', captchaCDN: '', captchaURL: '', captchaCES: '' };

type Input = Record<string, unknown>;
type Answer = Record<string, unknown>;

/** A step's outcome: an answer (200), or an error after which the workflow waits for the same step. */
type Outcome = { answer: Answer; cookies?: string[] } | { error: SigninErrorCode; text: string };

interface StepCtx {
  emu: Emulator;
  wf: Workflow;
  actionId: unknown;
  inputs: Input[];
  cookies: Map<string, string>;
}

const fail = (error: SigninErrorCode, text: string): Outcome => ({ error, text });
const badRequest = (text: string): Outcome => fail('INVALID_REQUEST', text);
const wrongCredentials = (): Outcome => fail('AUTHENTICATION_FAILED', WRONG_CREDENTIALS_TEXT);

function input(inputs: Input[], type: string): Input | undefined {
  return inputs.find((i) => i.input_type === type);
}

function stringField(i: Input | undefined, name: string): string | undefined {
  const v = i?.[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function moveTo(s: StepCtx, stepId: string, extra: Answer = {}): Outcome {
  return { answer: { workflowStateHandle: advance(s.emu, s.wf, stepId), stepId, captchaResponse: NO_CAPTCHA, ...extra } };
}

/** UserRequestInput{username} naming the workflow's user. */
function sameUser(s: StepCtx): boolean {
  return stringField(input(s.inputs, 'UserRequestInput'), 'username') === s.wf.username;
}

/** UserPreferencesRequestInput{} is optional; when present, trustDevice must be a boolean if given. */
function preferences(s: StepCtx): { trustDevice: boolean } | undefined {
  const p = input(s.inputs, 'UserPreferencesRequestInput');
  if (p && p.trustDevice !== undefined && typeof p.trustDevice !== 'boolean') return undefined;
  return { trustDevice: p?.trustDevice === true };
}

async function toPassword(s: StepCtx): Promise<Outcome> {
  s.wf.key ??= await newWorkflowKey();
  return moveTo(s, 'get-password', {
    workflowResponseData: { encryptionContextResponse: encryptionContext(s.wf.key, s.emu.scenario.region) },
  });
}

function mfaNeeded(user: ScenarioUser, s: StepCtx): boolean {
  if (user.mfa === 'off') return false;
  if (user.mfa === 'always') return true;
  return s.emu.state.trustedDevices.get(s.cookies.get(TRUSTED_DEVICE_COOKIE) ?? '') !== user.username;
}

/** "Mails" a fresh code; the step then accepts only that one. */
function mailCode(s: StepCtx): void {
  const code = String(randomInt(100000, 1000000));
  s.wf.emailCode = code;
  const box = s.emu.state.mailbox.get(s.wf.username!) ?? [];
  box.push(code);
  s.emu.state.mailbox.set(s.wf.username!, box);
}

function askMfa(s: StepCtx, user: ScenarioUser): Outcome {
  if (user.mfaType === 'EMAIL_OTP') {
    mailCode(s);
    // The inner fields are unseen in public evidence: the emulator sends an empty object.
    return moveTo(s, EMAIL_OTP_STEP, { workflowResponseData: { mfaLoginOptionsResponse: {} } });
  }
  if (user.mfaType === 'TOTP_UNLISTED') {
    return moveTo(s, UNLISTED_TOTP_STEP, {
      workflowResponseData: { authenticatorAppChallengeResponse: { inputType: UNLISTED_TOTP_INPUT, codeLength: 6 } },
    });
  }
  const challenge: Answer = { mfaType: user.mfaType, rememberDeviceAllowed: user.mfa === 'context' };
  if (user.mfaType === 'WEBAUTHN') challenge.webauthnChallenge = s.wf.webauthnChallenge = b64url(32);
  return moveTo(s, GUESSED_MFA_STEP, { workflowResponseData: { mfaChallengeResponse: challenge } });
}

/** The success answer: a result handle for /auth/sso-token and the sign-in host's session cookie. */
function succeed(s: StepCtx, username: string, cookies: string[] = []): Outcome {
  const { emu, wf } = s;
  const authCode = uuid();
  emu.state.authCodes.set(authCode, {
    username,
    state: wf.state,
    csrfToken: wf.csrfToken,
    expiresAt: Date.now() + AUTH_CODE_TTL_MS,
    notReadyLeft: emu.scenario.ssoTokenNotReady,
  });
  finish(emu, wf);
  const query = new URLSearchParams(wf.portalQuery);
  query.set('workflowResultHandle', authCode);
  query.set('state', wf.state);
  query.set('wdc_csrf_token', b64url(16));
  return {
    answer: {
      workflowStateHandle: uuid(),
      stepId: 'end-of-workflow-success',
      redirect: { url: `${emu.startUrl}/?${query}`, method: 'GET' },
      captchaResponse: NO_CAPTCHA,
    },
    cookies: [...cookies, newSigninSession(emu, username)],
  };
}

/** Asks the next step planned after the password, or ends the workflow with the success redirect. */
function next(s: StepCtx, cookies?: string[]): Outcome {
  const { emu, wf } = s;
  const user = emu.state.user(wf.username)!;
  const step: AfterPassword | undefined = wf.remaining.shift();
  let out: Outcome;
  if (step === 'notice') {
    out = moveTo(s, NOTICE_STEP, {
      workflowResponseData: {
        noticeResponse: {
          title: 'Review your account',
          message: 'Your organization updated its sign-in terms. Choose Continue to go on.',
        },
      },
    });
  } else if (step === 'change-password') {
    out = moveTo(s, CHANGE_PASSWORD_STEP, {
      workflowResponseData: {
        encryptionContextResponse: encryptionContext(wf.key!, emu.scenario.region),
        passwordPolicy: { minimumLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true },
      },
    });
  } else if (step === 'mfa') {
    out = askMfa(s, user);
  } else {
    return succeed(s, user.username, cookies);
  }
  if (cookies && 'answer' in out) out.cookies = cookies;
  return out;
}

/** `start`: with a live aws-usi-authn the workflow ends at once (docs/protocol.md §2 [code]). */
function start(s: StepCtx): Outcome {
  const known = s.emu.scenario.signinHostSession ? signinSessionUser(s.emu, s.cookies) : undefined;
  if (known) {
    s.wf.username = known;
    return succeed(s, known);
  }
  return moveTo(s, 'get-identity-user');
}

async function getIdentityUser(s: StepCtx): Promise<Outcome> {
  const username = stringField(input(s.inputs, 'UserRequestInput'), 'username');
  if (!username) return badRequest('Enter your username.');
  // Unknown users go on to the password step too: the answer must not tell who exists.
  s.wf.username = username;
  const challenge = s.emu.scenario.challenge;
  if (challenge === 'captcha' || challenge === 'image-captcha') {
    s.wf.captchaId = b64url(24);
    const captchaResponse = challenge === 'captcha'
      ? { ...NO_CAPTCHA, captchaToken: s.wf.captchaId, captchaCDN: `${s.emu.url}/emulator/captcha/challenge.js` }
      : { ...NO_CAPTCHA, captchaURL: `${s.emu.url}/emulator/captcha/${s.wf.captchaId}.png` };
    return { answer: { workflowStateHandle: advance(s.emu, s.wf, CAPTCHA_STEP), stepId: CAPTCHA_STEP, captchaResponse } };
  }
  return toPassword(s);
}

async function verifyCaptcha(s: StepCtx): Promise<Outcome> {
  const i = input(s.inputs, 'CaptchaRequestInput');
  if (stringField(i, 'captchaToken') !== s.wf.captchaId || i?.answer !== 'checked') {
    return badRequest('Complete the security check to continue.');
  }
  return toPassword(s);
}

async function decrypt(s: StepCtx, jwe: string | undefined): Promise<string | Outcome> {
  if (!jwe) return badRequest('Enter your password.');
  try {
    return await decryptPassword(jwe, s.wf.key!, s.emu.scenario.region);
  } catch (e) {
    // The live service refuses such a password; the emulator says why, to help whoever built it.
    if (e instanceof JweRejected) return fail('SIGNIN_BAD_REQUEST_ERROR', `The password could not be read: ${e.message}.`);
    throw e;
  }
}

const hasFingerprint = (s: StepCtx): boolean => stringField(input(s.inputs, 'FingerPrintRequestInput'), 'fingerPrint') !== undefined;

async function getPassword(s: StepCtx): Promise<Outcome> {
  const { emu, wf } = s;
  const pw = input(s.inputs, 'PasswordRequestInput');
  if (pw?.successfullyEncrypted !== 'SUCCESSFUL') return badRequest('PasswordRequestInput needs successfullyEncrypted: SUCCESSFUL.');
  if (!sameUser(s)) return badRequest('UserRequestInput must name the user of this sign-in.');
  const prefs = preferences(s);
  if (!prefs) return badRequest('UserPreferencesRequestInput.trustDevice must be true or false.');
  const password = await decrypt(s, stringField(pw, 'password'));
  if (typeof password !== 'string') return password;
  // The live service answers a missing fingerprint as it answers a wrong password [code, one source].
  if (emu.scenario.fingerprintRequired && !hasFingerprint(s)) return wrongCredentials();
  const user = emu.state.user(wf.username);
  if (!user || user.password !== password) return wrongCredentials();
  if (user.locked) {
    // No lock code was ever seen on the wire: by default a locked user is simply refused.
    return emu.scenario.inventedErrorCodes ? fail('USER_LOCKED', 'Your user is locked. Contact your administrator.') : wrongCredentials();
  }
  wf.remaining = [];
  if (emu.scenario.challenge === 'unknown-step') wf.remaining.push('notice');
  if (user.mustChangePassword) wf.remaining.push('change-password');
  if (mfaNeeded(user, s)) wf.remaining.push('mfa');
  return next(s);
}

function policyProblem(pw: string, old: string): string | undefined {
  if (pw.length < 8) return 'at least 8 characters';
  if (!/[A-Z]/.test(pw) || !/[a-z]/.test(pw) || !/\d/.test(pw) || !/[^A-Za-z0-9]/.test(pw)) {
    return 'upper and lower case letters, a number and a symbol';
  }
  if (pw === old) return 'a password different from the current one';
  return undefined;
}

async function changePassword(s: StepCtx): Promise<Outcome> {
  const i = input(s.inputs, 'UpdatePasswordRequestInput');
  if (i?.successfullyEncrypted !== 'SUCCESSFUL') return badRequest('UpdatePasswordRequestInput needs successfullyEncrypted: SUCCESSFUL.');
  if (!sameUser(s)) return badRequest('UserRequestInput must name the user of this sign-in.');
  const pw = await decrypt(s, stringField(i, 'newPassword'));
  if (typeof pw !== 'string') return pw;
  const user = s.emu.state.user(s.wf.username)!;
  const problem = policyProblem(pw, user.password);
  if (problem) return fail('PASSWORD_POLICY', `The new password must have ${problem}.`);
  user.password = pw;
  user.mustChangePassword = false;
  return next(s);
}

/** After a correct code: remember the device when asked and allowed, then go on. */
function afterMfa(s: StepCtx, user: ScenarioUser, remember: boolean): Outcome {
  if (!remember || user.mfa !== 'context') return next(s);
  const device = b64url(32);
  s.emu.state.trustedDevices.set(device, user.username);
  return next(s, [`${TRUSTED_DEVICE_COOKIE}=${device}; Path=/; Max-Age=${TRUSTED_DEVICE_DAYS * 86400}; HttpOnly; SameSite=Lax`]);
}

async function guessedMfaCorrect(user: ScenarioUser, wf: Workflow, i: Input): Promise<boolean> {
  if (user.mfaType === 'TOTP') return totpValid(user.totpSeed ?? '', stringField(i, 'mfaCode') ?? '');
  const assertion = i.webauthnResponse as Input | undefined;
  return wf.webauthnChallenge !== undefined && stringField(assertion, 'challenge') === wf.webauthnChallenge;
}

async function getMfa(s: StepCtx): Promise<Outcome> {
  const user = s.emu.state.user(s.wf.username)!;
  const i = input(s.inputs, 'MfaRequestInput');
  if (!i || i.mfaType !== user.mfaType) return badRequest(`This sign-in needs an MfaRequestInput of mfaType ${user.mfaType}.`);
  if (!(await guessedMfaCorrect(user, s.wf, i))) {
    return fail('INVALID_MFA_CODE', user.mfaType === 'WEBAUTHN' ? 'The security key was not recognized. Try again.' : WRONG_CREDENTIALS_TEXT);
  }
  return afterMfa(s, user, i.rememberDevice === true);
}

async function emailOtp(s: StepCtx): Promise<Outcome> {
  const user = s.emu.state.user(s.wf.username)!;
  if (s.actionId === 'RETRY') {
    mailCode(s);
    return moveTo(s, EMAIL_OTP_STEP, { workflowResponseData: { mfaLoginOptionsResponse: {} } });
  }
  const code = stringField(input(s.inputs, 'EmailOTPLoginRequestInput'), 'emailOTPLoginResponseCode');
  const prefs = preferences(s);
  if (!code || !prefs) return badRequest('Submit EmailOTPLoginRequestInput{emailOTPLoginResponseCode}.');
  if (code !== s.wf.emailCode) return fail('EMAIL_OTP_AUTHENTICATION_FAILED', 'The code you entered is wrong or no longer valid. Check your e-mail or send a new code.');
  return afterMfa(s, user, prefs.trustDevice);
}

async function unlistedTotp(s: StepCtx): Promise<Outcome> {
  const user = s.emu.state.user(s.wf.username)!;
  const code = stringField(input(s.inputs, UNLISTED_TOTP_INPUT), 'authenticatorAppCode');
  const prefs = preferences(s);
  if (!code || !prefs) return badRequest(`Submit ${UNLISTED_TOTP_INPUT}{authenticatorAppCode}.`);
  if (!(await totpValid(user.totpSeed ?? '', code))) return wrongCredentials();
  return afterMfa(s, user, prefs.trustDevice);
}

const STEPS: Record<string, (s: StepCtx) => Outcome | Promise<Outcome>> = {
  '': (s) => moveTo(s, 'start'),
  start,
  'get-identity-user': getIdentityUser,
  [CAPTCHA_STEP]: verifyCaptcha,
  'get-password': getPassword,
  [NOTICE_STEP]: (s) => next(s),
  [CHANGE_PASSWORD_STEP]: changePassword,
  [GUESSED_MFA_STEP]: getMfa,
  [EMAIL_OTP_STEP]: emailOtp,
  [UNLISTED_TOTP_STEP]: unlistedTotp,
};

/** Page-load steps carry no actionId; every other step is a SUBMIT (the e-mail step also takes RETRY). */
const PAGE_LOAD_STEPS = new Set(['', 'start']);

function actionAllowed(stepId: string, actionId: unknown): boolean {
  if (PAGE_LOAD_STEPS.has(stepId)) return true;
  return actionId === 'SUBMIT' || (stepId === EMAIL_OTP_STEP && actionId === 'RETRY');
}

function onDirectory(ctx: Ctx): boolean {
  if (ctx.params.directoryId === ctx.emu.scenario.directoryId) return true;
  sendText(ctx.res, 404, 'Not found');
  return false;
}

/** An invented code is served only when the scenario asks for inventions. */
function code(emu: Emulator, c: SigninErrorCode): SigninErrorCode {
  return !emu.scenario.inventedErrorCodes && c in EVIDENCED_FOR ? EVIDENCED_FOR[c as InventedSigninCode] : c;
}

async function execute(ctx: Ctx): Promise<void> {
  if (!onDirectory(ctx)) return;
  const { emu, res } = ctx;
  const body = await readJson(ctx.req);
  const stepId = body?.stepId;
  if (!body || typeof stepId !== 'string') {
    signinError(res, code(emu, 'INVALID_REQUEST'), 'The request must be a JSON object with a stepId.');
    return;
  }
  ctx.note.step = stepId;
  if (firewallAnswered(ctx, stepId)) return;
  const wf = findWorkflow(emu, body.workflowStateHandle);
  if (!wf) {
    signinError(res, code(emu, 'INVALID_WORKFLOW_STATE_HANDLE'), 'Your sign-in session has expired. Start again.');
    return;
  }
  if (wf.username) ctx.note.user = wf.username;
  const cookies = parseCookies(ctx.req);
  if (!csrfCookiesMatch(emu, wf, cookies)) {
    signinError(res, 'INVALID_CSRF_TOKEN', 'Your sign-in could not be verified. Reload the page and try again.');
    return;
  }
  const run = STEPS[stepId];
  if (!run || stepId !== wf.expect) {
    signinError(res, code(emu, 'INVALID_REQUEST'), `This sign-in expects step "${wf.expect}", not "${stepId}".`);
    return;
  }
  if (!actionAllowed(stepId, body.actionId)) {
    signinError(res, code(emu, 'INVALID_REQUEST'), 'actionId must be SUBMIT.');
    return;
  }
  const inputs = Array.isArray(body.inputs) ? (body.inputs.filter((i) => typeof i === 'object' && i !== null) as Input[]) : [];
  const out = await run({ emu, wf, actionId: body.actionId, inputs, cookies });
  if (wf.username) ctx.note.user = wf.username;
  if ('error' in out) {
    // The same step again, on a rotated handle; the handles before it stay usable too.
    const handle = rotate(emu, wf);
    signinError(res, code(emu, out.error), out.text, { stepId: wf.expect, workflowStateHandle: handle }, { 'Set-Cookie': workflowCookies(emu, wf) });
    return;
  }
  sendJson(res, 200, out.answer, { 'Set-Cookie': [...workflowCookies(emu, wf), ...(out.cookies ?? [])] });
}

/** The page is served for any handle: its script shows the step machine's verdict on it. */
function loginPage(ctx: Ctx): void {
  if (!onDirectory(ctx)) return;
  const { emu } = ctx;
  const wf = findWorkflow(emu, ctx.url.searchParams.get('workflowStateHandle'));
  sendHtml(ctx.res, 200, signinPage({
    startUrl: emu.startUrl,
    late: emu.scenario.signinPage === 'late',
    captchaStep: CAPTCHA_STEP,
    noticeStep: NOTICE_STEP,
    changePasswordStep: CHANGE_PASSWORD_STEP,
    emailOtpStep: EMAIL_OTP_STEP,
    unlistedTotpStep: UNLISTED_TOTP_STEP,
    unlistedTotpInput: UNLISTED_TOTP_INPUT,
  }), wf ? { 'Set-Cookie': workflowCookies(emu, wf) } : {});
}

/** What the emulated mailbox received for a user: the e-mailed codes, oldest first. Tests read it. */
function mailbox(ctx: Ctx): void {
  const username = ctx.url.searchParams.get('username') ?? '';
  ctx.note.user = username;
  sendJson(ctx.res, 200, { codes: ctx.emu.state.mailbox.get(username) ?? [] });
}

export const signinRoutes: Route[] = [
  { method: 'GET', path: '/platform/{directoryId}/login', op: 'SignInPage', handle: loginPage },
  { method: 'POST', path: '/platform/{directoryId}/api/execute', op: 'SignInStep', handle: execute },
  { method: 'GET', path: '/emulator/mailbox', op: 'Mailbox', handle: mailbox },
];
