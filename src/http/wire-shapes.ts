// Every wire shape awssso INFERRED (protocol.md tag [inferred]): no public capture shows it.
// They live here, and only here, so that one real capture can correct them in one place.
// Each reader is lenient: a shape it cannot read returns undefined and the caller hands over.
import { toEpochMs } from './epoch.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

// --- Sign-in API errors (contracts.md): HTTP 400, {"errorCode": CODE, "message": "..."} ---

export const SIGNIN_ERROR = {
  /** wrong password or unknown user (one message for both) */
  authenticationFailed: 'AUTHENTICATION_FAILED',
  userLocked: 'USER_LOCKED',
  /** the same workflowStateHandle stays usable for another code */
  invalidMfaCode: 'INVALID_MFA_CODE',
  invalidWorkflowStateHandle: 'INVALID_WORKFLOW_STATE_HANDLE',
  invalidRequest: 'INVALID_REQUEST',
  /** a new password refused at change-password */
  passwordPolicy: 'PASSWORD_POLICY',
} as const;

export interface SigninError {
  errorCode?: string;
  message?: string;
}

export function readSigninError(body: unknown): SigninError {
  if (!isObject(body)) return {};
  const errorCode = str(body.errorCode) ?? str(body.code) ?? str(body.__type);
  const message = str(body.message) ?? str(body.Message);
  return { ...(errorCode ? { errorCode } : {}), ...(message ? { message: message.split('\n')[0] } : {}) };
}

// --- MFA step (protocol.md section 3) ---

export const MFA_STEP_ID = 'get-mfa';

export interface MfaChallenge {
  mfaType: string;
  rememberDeviceAllowed: boolean;
}

/** The challenge in the answer whose stepId is get-mfa. */
export function readMfaChallenge(workflowResponseData: unknown): MfaChallenge | undefined {
  const challenge = isObject(workflowResponseData) ? workflowResponseData.mfaChallengeResponse : undefined;
  if (!isObject(challenge) || !str(challenge.mfaType)) return undefined;
  return { mfaType: str(challenge.mfaType)!, rememberDeviceAllowed: challenge.rememberDeviceAllowed === true };
}

export function mfaInput(mfaType: string, mfaCode: string, rememberDevice: boolean): Record<string, unknown> & { input_type: string } {
  return { input_type: 'MfaRequestInput', mfaType, mfaCode, rememberDevice };
}

// --- whoAmI expiry (protocol.md section 5 lists the field; its format is not shown) ---

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

// --- Legacy app instances (the Python awssso's profiles name them; docs/protocol.md §5) ---

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
