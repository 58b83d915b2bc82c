// The ONE table of sign-in wire shapes that no AWS document gives: each comes from public client
// code or captures, or is our inference, and carries its evidence tag from docs/protocol.md §2-§4
// ([capture], [code], [code, one source], [inferred]) so that one real capture can correct it here.
// Each reader is lenient: a shape it cannot read returns undefined and the caller hands over.
//
// shape                                                    evidence
// Accept-Language en-US on sign-in requests                [code, one source]
// firewall: 202/405 with x-amzn-waf-action                 [code, AWS WAF docs]
// JWE iss/aud = <region>.<bare context value>              [code x3]
// UserPreferencesRequestInput with the password            [code x3]
// error body message{errorCode,heading,text}, rotated handle  [capture 2026-08-22, code x3]
// error body as top-level strings; USER_LOCKED & co.       [inferred] (the project's old guesses)
// captcha = non-empty captchaToken or captchaURL           [code, capture]
// redirect {method:"POST"} is a form post                  [code]
// get-email-otp-login-credential, RETRY, its input         [code x2]
// MFA-looking step: mfaLoginOptionsResponse / stepId words [code x2] / [inferred]
// get-mfa, MfaRequestInput                                 [inferred]
// sso-token: HTTP 200 without a token, "not authorized"    [code x3]
// whoAmI expireDate format                                 [inferred]
// legacy (Python awssso) app instances                     [capture]
// the sign-in host's session cookie aws-usi-authn          [code, several]
import { toEpochMs } from './epoch.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

type Input = Record<string, unknown> & { input_type: string };

// --- Request headers (docs/protocol.md §2) ---

/** [code, one source] a Chinese-first Accept-Language drew firewall challenges; the page's own English one does not. */
/** The sign-in host's own session cookie after a success: with it, a workflow may skip the password [code, several]. */
export const SIGNIN_HOST_SESSION_COOKIE = 'aws-usi-authn';

export const SIGNIN_ACCEPT_LANGUAGE = 'en-US,en;q=0.9';

/** [code, AWS WAF docs] 202 (challenge) or 405 (captcha) with this header: the firewall wants a browser. */
export const WAF_ACTION_HEADER = 'x-amzn-waf-action';

// --- Password JWE claims (docs/protocol.md §2) ---

/**
 * [code x3] The context gives issuer and audience bare ("signin", "AWSPasswordService"); the page's
 * encryptor prefixes the region ("us-east-1.signin"); bare values are refused. A value that already
 * carries the prefix is kept as it is.
 */
export function regionPrefixed(value: string, region: string): string {
  return value.startsWith(`${region}.`) ? value : `${region}.${value}`;
}

/** [code x3] What the claims fall back to when the context leaves them out. */
export const JWE_ISSUER = 'signin';
export const JWE_AUDIENCE = 'AWSPasswordService';

// --- Inputs sent with the steps (docs/protocol.md §2, §3) ---

/** [code x3] sent with the password (one source adds trustDevice:false). */
export const userPreferencesInput = (trustDevice?: boolean): Input =>
  ({ input_type: 'UserPreferencesRequestInput', ...(trustDevice === undefined ? {} : { trustDevice }) });

// --- Sign-in API errors (docs/protocol.md §2 error body) ---

export const SIGNIN_ERROR = {
  // [capture 2026-08-22, code x3]: seen on the wire
  /** ambiguous: a wrong password, a captcha not passed, a refused fingerprint; only a page tells which */
  authenticationFailed: 'AUTHENTICATION_FAILED',
  /** malformed inputs, a consumed handle, a refused fingerprint */
  badRequest: 'SIGNIN_BAD_REQUEST_ERROR',
  invalidCsrfToken: 'INVALID_CSRF_TOKEN',
  internalFailure: 'INTERNAL_FAILURE',
  /** a wrong or stale e-mailed code; the step takes another */
  emailOtpFailed: 'EMAIL_OTP_AUTHENTICATION_FAILED',
  // [inferred]: the project's own inventions, seen nowhere public; kept only as extra cases
  userLocked: 'USER_LOCKED',
  invalidMfaCode: 'INVALID_MFA_CODE',
  passwordPolicy: 'PASSWORD_POLICY',
  invalidWorkflowStateHandle: 'INVALID_WORKFLOW_STATE_HANDLE',
} as const;

export interface SigninError {
  errorCode?: string;
  /** the service's own words: heading and text */
  words?: string;
  /** the step the workflow still waits for, and a rotated handle for the retry, when the answer has them */
  stepId?: string;
  workflowStateHandle?: string;
}

const firstLine = (text: string | undefined) => text?.split('\n')[0]?.trim() || undefined;

/**
 * [capture 2026-08-22, code x3] `{"errorCode":null,"message":{"errorCode","heading","text",...},
 * "stepId"?,"workflowStateHandle"?}`; [inferred, the old guess] top-level `errorCode` and `message` strings.
 */
export function readSigninError(body: unknown): SigninError {
  if (!isObject(body)) return {};
  const message = isObject(body.message) ? body.message : undefined;
  const errorCode = str(message?.errorCode) ?? str(body.errorCode) ?? str(body.code) ?? str(body.__type);
  const words = message
    ? [firstLine(str(message.heading)), firstLine(str(message.text))].filter(Boolean).join(': ')
    : firstLine(str(body.message) ?? str(body.Message));
  const stepId = typeof body.stepId === 'string' ? body.stepId : undefined;
  const workflowStateHandle = str(body.workflowStateHandle);
  return {
    ...(errorCode ? { errorCode } : {}),
    ...(words ? { words } : {}),
    ...(stepId !== undefined ? { stepId } : {}),
    ...(workflowStateHandle ? { workflowStateHandle } : {}),
  };
}

// --- Captcha (docs/protocol.md §2) ---

/**
 * [code, capture] Ordinary answers carry an empty shell `{captchaToken:"",captchaCDN:"",captchaURL:"",
 * captchaCES:""}`; only a non-empty `captchaToken` (a script challenge) or `captchaURL` (an image) is one.
 */
export function isCaptchaChallenge(captchaResponse: unknown): boolean {
  return isObject(captchaResponse) && Boolean(str(captchaResponse.captchaToken) ?? str(captchaResponse.captchaURL));
}

// --- Redirects (docs/protocol.md §2) ---

/** [code] `redirect:{url, method:"GET"|"POST", postParams}`: a POST is a form post only a browser makes. */
export function isFormPostRedirect(redirect: unknown): boolean {
  return isObject(redirect) && typeof redirect.method === 'string' && redirect.method.toUpperCase() === 'POST';
}

// --- MFA (docs/protocol.md §3) ---

/** [code x2] The e-mailed code step: one code per mail; actionId RETRY with no inputs mails a new one. */
export const EMAIL_OTP_STEP_ID = 'get-email-otp-login-credential';
export const EMAIL_OTP_RESEND_ACTION = 'RETRY';
export const emailOtpInput = (code: string): Input =>
  ({ input_type: 'EmailOTPLoginRequestInput', emailOTPLoginResponseCode: code });

/**
 * [code x2] for mfaLoginOptionsResponse; [inferred] for the stepId words: an answer that looks like an
 * MFA step. One the table does not know goes to the browser, which answers its code page.
 */
export function looksLikeMfa(stepId: string, workflowResponseData: unknown): boolean {
  return /otp|totp|mfa|webauthn|login-credential/i.test(stepId)
    || (isObject(workflowResponseData) && 'mfaLoginOptionsResponse' in workflowResponseData);
}

/**
 * [inferred] The project's earlier guess of the authenticator-app step: no public capture shows it.
 * Answering it costs nothing if the live service never asks it.
 */
export const MFA_STEP_ID = 'get-mfa';

export interface MfaChallenge {
  mfaType: string;
  rememberDeviceAllowed: boolean;
}

/** [inferred] `workflowResponseData.mfaChallengeResponse = {mfaType, rememberDeviceAllowed}` of get-mfa. */
export function readMfaChallenge(workflowResponseData: unknown): MfaChallenge | undefined {
  const challenge = isObject(workflowResponseData) ? workflowResponseData.mfaChallengeResponse : undefined;
  if (!isObject(challenge) || !str(challenge.mfaType)) return undefined;
  return { mfaType: str(challenge.mfaType)!, rememberDeviceAllowed: challenge.rememberDeviceAllowed === true };
}

/** [inferred] `MfaRequestInput{mfaType, mfaCode, rememberDevice}` of get-mfa. */
export function mfaInput(mfaType: string, mfaCode: string, rememberDevice: boolean): Input {
  return { input_type: 'MfaRequestInput', mfaType, mfaCode, rememberDevice };
}

// --- The token exchange (docs/protocol.md §4) ---

export type SsoTokenAnswer = { token: string } | { notAuthorizedYet: true } | { unreadable: true; errorMessage?: string };

/**
 * [code x3] `200 {"token", "redirectUrl", "errorMessage":null, ...}`; right after a sign-in the portal
 * answers 200 with no token and an `errorMessage` saying "not authorized" for a moment.
 */
export function readSsoToken(body: unknown): SsoTokenAnswer {
  if (!isObject(body)) return { unreadable: true };
  const token = str(body.token);
  if (token) return { token };
  const errorMessage = str(body.errorMessage);
  if (errorMessage && /not authori[sz]ed/i.test(errorMessage)) return { notAuthorizedYet: true };
  return { unreadable: true, ...(errorMessage ? { errorMessage: firstLine(errorMessage)! } : {}) };
}

// --- whoAmI expiry (docs/protocol.md §5 lists the field; its format is not shown: [inferred]) ---

/** `expireDate` as epoch ms: accepts epoch seconds, epoch ms or an ISO date. */
export function readWhoAmIExpiry(body: unknown): number | undefined {
  const value = isObject(body) ? body.expireDate : undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return toEpochMs(value);
  if (typeof value === 'string') {
    const parsed = /^\d+$/.test(value) ? readWhoAmIExpiry({ expireDate: Number(value) }) : Date.parse(value);
    return parsed !== undefined && Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

// --- Legacy app instances (the Python awssso's profiles name them; docs/protocol.md §5 [capture]) ---

export interface AppInstance {
  /** ins-<16 hex> */
  id: string;
  name: string;
  applicationName: string;
  accountId?: string;
  accountName?: string;
  accountEmail?: string;
}

export interface AppInstanceProfile {
  /** p-<16 hex> */
  id: string;
  name: string;
  description: string;
  protocol: string;
}

function results(body: unknown): Record<string, unknown>[] {
  const list = isObject(body) ? body.result : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

export function readAppInstances(body: unknown): AppInstance[] {
  return results(body).filter((item) => str(item.id)).map((item) => {
    const meta = isObject(item.searchMetadata) ? item.searchMetadata : {};
    const accountId = str(meta.AccountId);
    const accountName = str(meta.AccountName);
    const accountEmail = str(meta.AccountEmail);
    return {
      id: str(item.id)!,
      name: str(item.name) ?? '',
      applicationName: str(item.applicationName) ?? '',
      ...(accountId ? { accountId } : {}),
      ...(accountName ? { accountName } : {}),
      ...(accountEmail ? { accountEmail } : {}),
    };
  });
}

export function readAppInstanceProfiles(body: unknown): AppInstanceProfile[] {
  return results(body).filter((item) => str(item.id)).map((item) => ({
    id: str(item.id)!,
    name: str(item.name) ?? '',
    description: str(item.description) ?? '',
    protocol: str(item.protocol) ?? '',
  }));
}

// --- What a device code is for (docs/protocol.md §6) ---
// accept_user_code's deviceContext names the client id [capture]; the device page shows the
// client's name and scopes before "Allow", and we read them from the same answer when it has them.

export interface Consent {
  clientId: string;
  clientName?: string;
  scopes: string[];
}

export function readDeviceConsent(body: unknown): Consent {
  const context = isObject(body) && isObject(body.deviceContext) ? body.deviceContext : {};
  const clientName = (isObject(body) ? str(body.clientName) : undefined) ?? str(context.clientName);
  const rawScopes = isObject(body) ? body.scopes : undefined;
  const scopes = Array.isArray(rawScopes) ? rawScopes.filter((s): s is string => typeof s === 'string') : [];
  return { clientId: str(context.clientId) ?? '', ...(clientName ? { clientName } : {}), scopes };
}
