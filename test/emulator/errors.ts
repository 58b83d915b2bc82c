// The error answers of each family of endpoints, shaped as docs/protocol.md §2, §5 and §6 say.
// AWS clients read the error type from x-amzn-ErrorType first, so it is always set on API errors.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.js';

export type PortalErrorType =
  | 'InvalidRequestException'
  | 'UnauthorizedException'
  | 'ForbiddenException'
  | 'ResourceNotFoundException'
  | 'TooManyRequestsException';

const PORTAL_STATUS: Record<PortalErrorType, number> = {
  InvalidRequestException: 400,
  UnauthorizedException: 401,
  // "ForbiddenException ... GetRoleCredentials operation: No access" is what users of an
  // unassigned role see [capture: public issue threads].
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
};

/** Portal API (section 5): status by type, header x-amzn-ErrorType, body {"message"}. */
export function portalError(res: ServerResponse, type: PortalErrorType, message: string): void {
  sendJson(res, PORTAL_STATUS[type], { message }, { 'x-amzn-ErrorType': type });
}

export type OidcError =
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'access_denied'
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_request'
  | 'invalid_scope'
  | 'unsupported_grant_type'
  | 'unauthorized_client';

const OIDC_TYPE: Record<OidcError, [number, string]> = {
  authorization_pending: [400, 'AuthorizationPendingException'],
  slow_down: [400, 'SlowDownException'],
  expired_token: [400, 'ExpiredTokenException'],
  access_denied: [400, 'AccessDeniedException'],
  invalid_grant: [400, 'InvalidGrantException'],
  invalid_client: [401, 'InvalidClientException'],
  invalid_request: [400, 'InvalidRequestException'],
  invalid_scope: [400, 'InvalidScopeException'],
  unsupported_grant_type: [400, 'UnsupportedGrantTypeException'],
  unauthorized_client: [400, 'UnauthorizedClientException'],
};

/** OIDC (section 6): {"error","error_description"} and the coral-style x-amzn-ErrorType [capture]. */
export function oidcError(res: ServerResponse, error: OidcError, description: string): void {
  const [status, type] = OIDC_TYPE[error];
  sendJson(res, status, { error, error_description: description },
    { 'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/` });
}

/** Codes seen on the live sign-in API (docs/protocol.md §2 error body). */
export type EvidencedSigninCode =
  | 'AUTHENTICATION_FAILED'
  | 'SIGNIN_BAD_REQUEST_ERROR'
  | 'INVALID_CSRF_TOKEN'
  | 'INTERNAL_FAILURE'
  | 'EMAIL_OTP_AUTHENTICATION_FAILED';

/** The project's own inventions: served only with the scenario setting inventedErrorCodes. */
export type InventedSigninCode =
  | 'USER_LOCKED'
  | 'INVALID_MFA_CODE'
  | 'PASSWORD_POLICY'
  | 'INVALID_REQUEST'
  | 'INVALID_WORKFLOW_STATE_HANDLE';

export type SigninErrorCode = EvidencedSigninCode | InventedSigninCode;

/** What an invented code becomes when the scenario does not ask for inventions. */
export const EVIDENCED_FOR: Record<InventedSigninCode, EvidencedSigninCode> = {
  USER_LOCKED: 'AUTHENTICATION_FAILED',
  INVALID_MFA_CODE: 'AUTHENTICATION_FAILED',
  PASSWORD_POLICY: 'SIGNIN_BAD_REQUEST_ERROR',
  INVALID_REQUEST: 'SIGNIN_BAD_REQUEST_ERROR',
  INVALID_WORKFLOW_STATE_HANDLE: 'SIGNIN_BAD_REQUEST_ERROR',
};

/** Headings as the pages show them; the wrong-password words are the captured ones. */
const HEADINGS: Record<SigninErrorCode, string> = {
  AUTHENTICATION_FAILED: "Something doesn't compute",
  SIGNIN_BAD_REQUEST_ERROR: 'Something went wrong',
  INVALID_CSRF_TOKEN: 'Something went wrong',
  INTERNAL_FAILURE: 'Something went wrong',
  EMAIL_OTP_AUTHENTICATION_FAILED: "Something doesn't compute",
  USER_LOCKED: 'Account locked',
  INVALID_MFA_CODE: "Something doesn't compute",
  PASSWORD_POLICY: 'Choose another password',
  INVALID_REQUEST: 'Something went wrong',
  INVALID_WORKFLOW_STATE_HANDLE: 'Session expired',
};

export const WRONG_CREDENTIALS_TEXT = "We couldn't verify your sign-in credentials. Please try again.";

export interface SigninErrorExtra {
  /** 400 unless given (the live service answers some refusals with 500). */
  status?: number;
  /** The step the workflow still waits for, and a rotated handle for the retry. */
  stepId?: string;
  workflowStateHandle?: string;
}

/**
 * Sign-in API errors (docs/protocol.md §2 error body [capture 2026-08-22]): the top-level
 * errorCode is null; the reason and the words are in the `message` object.
 */
export function signinError(
  res: ServerResponse, errorCode: SigninErrorCode, text: string, extra: SigninErrorExtra = {}, headers: Record<string, string[]> = {},
): void {
  const requestId = randomUUID();
  const { status = 400, ...rest } = extra;
  sendJson(res, status, {
    requestId,
    errorCode: null,
    message: { text, heading: HEADINGS[errorCode], type: 'ERROR', time: new Date().toISOString(), requestId, errorCode },
    presentationContext: {},
    ...rest,
  }, { 'x-amzn-RequestId': requestId, ...headers });
}

/** The one throttling answer every operation shares when the scenario's rate limit is exceeded. */
export function throttled(res: ServerResponse): void {
  sendJson(res, 429, { message: 'Rate exceeded' }, { 'x-amzn-ErrorType': 'TooManyRequestsException' });
}
