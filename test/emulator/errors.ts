// The error answers of each family of endpoints, shaped as protocol.md sections 2, 5 and 6 say.
// AWS clients read the error type from x-amzn-ErrorType first, so it is always set on API errors.
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

export type SigninErrorCode =
  | 'AUTHENTICATION_FAILED'
  | 'USER_LOCKED'
  | 'INVALID_MFA_CODE'
  | 'INVALID_WORKFLOW_STATE_HANDLE'
  | 'INVALID_REQUEST'
  | 'PASSWORD_POLICY';

/** Sign-in API (contracts.md): HTTP 400, {"errorCode","message"}. */
export function signinError(res: ServerResponse, errorCode: SigninErrorCode, message: string): void {
  sendJson(res, 400, { errorCode, message });
}

/** The one throttling answer every operation shares when the scenario's rate limit is exceeded. */
export function throttled(res: ServerResponse): void {
  sendJson(res, 429, { message: 'Rate exceeded' }, { 'x-amzn-ErrorType': 'TooManyRequestsException' });
}
