// The sign-in host (protocol.md sections 2 and 3): the JSON step machine behind
// /platform/<directoryId>/api/execute, and the page a browser completes it with.
import type { Ctx, Emulator, Route } from '../context.js';
import { signinError } from '../errors.js';
import { parseCookies, readJson, sendHtml, sendJson, sendText } from '../http.js';
import { b64url, uuid } from '../ids.js';
import { decryptPassword, encryptionContext, JweRejected, newWorkflowKey } from '../jwe.js';
import { signinPage } from '../pages/signin.js';
import type { ScenarioUser } from '../scenario.js';
import type { AfterPassword, Workflow } from '../state.js';
import { totpValid } from '../totp.js';
import { advance, findWorkflow, finish } from '../workflow.js';

/** Step ids of the emulator beyond protocol.md's table (documented in the README). */
export const CAPTCHA_STEP = 'verify-captcha';
export const NOTICE_STEP = 'confirm-account-notice';
export const CHANGE_PASSWORD_STEP = 'get-new-password-for-change-password';
export const TRUSTED_DEVICE_COOKIE = 'sso-trusted-device';

const AUTH_CODE_TTL_MS = 5 * 60 * 1000;
const TRUSTED_DEVICE_DAYS = 90;
const MSG_AUTH_FAILED = 'Your username or password is incorrect.';

type Input = Record<string, unknown>;
type Answer = Record<string, unknown>;

/** A step's outcome: an answer (200) or an error that leaves the handle usable. */
type Outcome = { answer: Answer; cookies?: string[] } | { error: Parameters<typeof signinError>[1]; message: string };

interface StepCtx {
  emu: Emulator;
  wf: Workflow;
  inputs: Input[];
  cookies: Map<string, string>;
}

const fail = (error: Parameters<typeof signinError>[1], message: string): Outcome => ({ error, message });

function input(inputs: Input[], type: string): Input | undefined {
  return inputs.find((i) => i.input_type === type);
}

function stringField(i: Input | undefined, name: string): string | undefined {
  const v = i?.[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function moveTo(s: StepCtx, stepId: string, extra: Answer = {}): Outcome {
  return { answer: { workflowStateHandle: advance(s.emu, s.wf, stepId), stepId, ...extra } };
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
    const challenge: Answer = { mfaType: user.mfaType, rememberDeviceAllowed: user.mfa === 'context' };
    if (user.mfaType === 'WEBAUTHN') challenge.webauthnChallenge = wf.webauthnChallenge = b64url(32);
    out = moveTo(s, 'get-mfa', { workflowResponseData: { mfaChallengeResponse: challenge } });
  } else {
    const authCode = uuid();
    emu.state.authCodes.set(authCode, {
      username: user.username,
      state: wf.state,
      csrfToken: wf.csrfToken,
      expiresAt: Date.now() + AUTH_CODE_TTL_MS,
      notReadyLeft: emu.scenario.ssoTokenNotReady,
    });
    finish(emu, wf);
    const query = new URLSearchParams(wf.portalQuery);
    query.set('workflowResultHandle', authCode);
    query.set('state', wf.state);
    const url = `${emu.startUrl}/?${query}`;
    out = { answer: { workflowStateHandle: uuid(), stepId: 'end-of-workflow-success', redirect: { url, method: 'GET' } } };
  }
  if (cookies && 'answer' in out) out.cookies = cookies;
  return out;
}

async function getIdentityUser(s: StepCtx): Promise<Outcome> {
  const username = stringField(input(s.inputs, 'UserRequestInput'), 'username');
  if (!username) return fail('INVALID_REQUEST', 'Enter your username.');
  // Unknown users go on to the password step too: the answer must not tell who exists.
  s.wf.username = username;
  if (s.emu.scenario.challenge === 'captcha') {
    s.wf.captchaId = uuid();
    return moveTo(s, CAPTCHA_STEP, { captchaResponse: { captchaType: 'CHECKBOX', challengeId: s.wf.captchaId } });
  }
  return toPassword(s);
}

async function verifyCaptcha(s: StepCtx): Promise<Outcome> {
  const i = input(s.inputs, 'CaptchaRequestInput');
  if (stringField(i, 'challengeId') !== s.wf.captchaId || i?.answer !== 'checked') {
    return fail('INVALID_REQUEST', 'Complete the security check to continue.');
  }
  return toPassword(s);
}

async function decrypt(s: StepCtx, jwe: string | undefined): Promise<string | Outcome> {
  if (!jwe) return fail('INVALID_REQUEST', 'Enter your password.');
  try {
    return await decryptPassword(jwe, s.wf.key!, s.emu.scenario.region);
  } catch (e) {
    if (e instanceof JweRejected) return fail('INVALID_REQUEST', `The password could not be read: ${e.message}.`);
    throw e;
  }
}

async function getPassword(s: StepCtx): Promise<Outcome> {
  const { emu, wf } = s;
  const pw = input(s.inputs, 'PasswordRequestInput');
  if (pw?.successfullyEncrypted !== 'SUCCESSFUL') return fail('INVALID_REQUEST', 'The password must be encrypted (successfullyEncrypted: SUCCESSFUL).');
  if (stringField(input(s.inputs, 'UserRequestInput'), 'username') !== wf.username) {
    return fail('INVALID_REQUEST', 'The username does not match this sign-in.');
  }
  const password = await decrypt(s, stringField(pw, 'password'));
  if (typeof password !== 'string') return password;
  const user = emu.state.user(wf.username);
  if (!user || user.password !== password) return fail('AUTHENTICATION_FAILED', MSG_AUTH_FAILED);
  if (user.locked) return fail('USER_LOCKED', 'Your user is locked. Contact your administrator.');
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
  if (i?.successfullyEncrypted !== 'SUCCESSFUL') return fail('INVALID_REQUEST', 'The new password must be encrypted (successfullyEncrypted: SUCCESSFUL).');
  const pw = await decrypt(s, stringField(i, 'newPassword'));
  if (typeof pw !== 'string') return pw;
  const user = s.emu.state.user(s.wf.username)!;
  const problem = policyProblem(pw, user.password);
  if (problem) return fail('PASSWORD_POLICY', `The new password must have ${problem}.`);
  user.password = pw;
  user.mustChangePassword = false;
  return next(s);
}

async function mfaCorrect(user: ScenarioUser, wf: Workflow, i: Input): Promise<boolean> {
  if (user.mfaType === 'TOTP') return totpValid(user.totpSeed ?? '', stringField(i, 'mfaCode') ?? '');
  if (user.mfaType === 'EMAIL_OTP') return stringField(i, 'mfaCode') === user.emailCode;
  const assertion = i.webauthnResponse as Input | undefined;
  return wf.webauthnChallenge !== undefined && stringField(assertion, 'challenge') === wf.webauthnChallenge;
}

async function getMfa(s: StepCtx): Promise<Outcome> {
  const { emu, wf } = s;
  const user = emu.state.user(wf.username)!;
  const i = input(s.inputs, 'MfaRequestInput');
  if (!i || i.mfaType !== user.mfaType) return fail('INVALID_REQUEST', `This sign-in needs an MfaRequestInput of mfaType ${user.mfaType}.`);
  if (!(await mfaCorrect(user, wf, i))) {
    return fail('INVALID_MFA_CODE', user.mfaType === 'WEBAUTHN' ? 'The security key was not recognized. Try again.' : 'The code you entered is incorrect. Try again.');
  }
  if (i.rememberDevice !== true || user.mfa !== 'context') return next(s);
  const device = b64url(32);
  emu.state.trustedDevices.set(device, user.username);
  return next(s, [
    `${TRUSTED_DEVICE_COOKIE}=${device}; Path=/; Max-Age=${TRUSTED_DEVICE_DAYS * 86400}; HttpOnly; SameSite=Lax`,
  ]);
}

const STEPS: Record<string, (s: StepCtx) => Outcome | Promise<Outcome>> = {
  '': (s) => moveTo(s, 'start'),
  start: (s) => moveTo(s, 'get-identity-user'),
  'get-identity-user': getIdentityUser,
  [CAPTCHA_STEP]: verifyCaptcha,
  'get-password': getPassword,
  [NOTICE_STEP]: (s) => next(s),
  [CHANGE_PASSWORD_STEP]: changePassword,
  'get-mfa': getMfa,
};

/** Page-load steps carry no actionId; every other step is a SUBMIT. */
const PAGE_LOAD_STEPS = new Set(['', 'start']);

function onDirectory(ctx: Ctx): boolean {
  if (ctx.params.directoryId === ctx.emu.scenario.directoryId) return true;
  sendText(ctx.res, 404, 'Not found');
  return false;
}

async function execute(ctx: Ctx): Promise<void> {
  if (!onDirectory(ctx)) return;
  const body = await readJson(ctx.req);
  const stepId = body?.stepId;
  if (!body || typeof stepId !== 'string') {
    signinError(ctx.res, 'INVALID_REQUEST', 'The request must be a JSON object with a stepId.');
    return;
  }
  ctx.note.step = stepId;
  const wf = findWorkflow(ctx.emu, body.workflowStateHandle);
  if (!wf) {
    signinError(ctx.res, 'INVALID_WORKFLOW_STATE_HANDLE', 'Your sign-in session has expired. Start again.');
    return;
  }
  if (wf.username) ctx.note.user = wf.username;
  const run = STEPS[stepId];
  if (!run || stepId !== wf.expect) {
    signinError(ctx.res, 'INVALID_REQUEST', `This sign-in expects step "${wf.expect}", not "${stepId}".`);
    return;
  }
  if (!PAGE_LOAD_STEPS.has(stepId) && body.actionId !== 'SUBMIT') {
    signinError(ctx.res, 'INVALID_REQUEST', 'actionId must be SUBMIT.');
    return;
  }
  const inputs = Array.isArray(body.inputs) ? (body.inputs.filter((i) => typeof i === 'object' && i !== null) as Input[]) : [];
  const out = await run({ emu: ctx.emu, wf, inputs, cookies: parseCookies(ctx.req) });
  if (wf.username) ctx.note.user = wf.username;
  if ('error' in out) {
    signinError(ctx.res, out.error, out.message);
    return;
  }
  sendJson(ctx.res, 200, out.answer, out.cookies ? { 'Set-Cookie': out.cookies } : {});
}

/** The page is served for any handle: its script shows the step machine's verdict on it. */
function loginPage(ctx: Ctx): void {
  if (!onDirectory(ctx)) return;
  sendHtml(ctx.res, 200, signinPage({
    startUrl: ctx.emu.startUrl,
    captchaStep: CAPTCHA_STEP,
    noticeStep: NOTICE_STEP,
    changePasswordStep: CHANGE_PASSWORD_STEP,
  }));
}

export const signinRoutes: Route[] = [
  { method: 'GET', path: '/platform/{directoryId}/login', op: 'SignInPage', handle: loginPage },
  { method: 'POST', path: '/platform/{directoryId}/api/execute', op: 'SignInStep', handle: execute },
];
