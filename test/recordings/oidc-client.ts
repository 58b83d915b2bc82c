// The OIDC service (docs/protocol.md §6) through awssso's got client, for the device-approval
// recording: client registration, the device code grant, and approving a device code with a
// portal session (accept_user_code + associate_token). Test tooling: awssso never does this.
import type { Got } from 'got';
import { AwsssoError } from '../../src/errors.js';
import { AwsServiceError } from '../../src/http/aws-errors.js';

/** An OIDC refusal; `error` is the service's snake_case code (authorization_pending, slow_down, ...). */
export class OidcError extends AwsssoError {
  constructor(readonly error: string, message: string) {
    super(message);
  }
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  clientIdIssuedAt: number;
  /** epoch seconds */
  clientSecretExpiresAt: number;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresIn: number;
  interval: number;
}

export interface OidcToken {
  accessToken: string;
  tokenType: string;
  /** seconds */
  expiresIn: number;
  refreshToken?: string;
}

export interface DeviceContext {
  clientId: string;
  clientType: string;
  deviceContextId: string;
}

export type CreateTokenInput = { clientId: string; clientSecret: string } & (
  | { grantType: 'urn:ietf:params:oauth:grant-type:device_code'; deviceCode: string }
  | { grantType: 'refresh_token'; refreshToken: string }
  | { grantType: 'authorization_code'; code: string; redirectUri: string; codeVerifier: string }
);

export class OidcClient {
  private readonly api: Got;

  constructor(http: Got, endpoint: string) {
    this.api = http.extend({ prefixUrl: endpoint.replace(/\/+$/, ''), responseType: 'json' });
  }

  private async post<T>(operation: string, path: string, json: object): Promise<T> {
    try {
      return (await this.api.post(path, { json, context: { operation } })).body as T;
    } catch (error) {
      const info = error instanceof AwsServiceError ? error.aws : undefined;
      // OIDC refusals carry a snake_case `error`; a refused portal session (approval calls) is SessionExpired
      if (info && info.status < 500 && info.status !== 429 && info.type !== 'UnauthorizedException') {
        const code = info.error ?? info.type ?? `HTTP ${info.status}`;
        throw new OidcError(code, `${operation} refused: ${code}${info.message ? ` (${info.message})` : ''}`);
      }
      throw error;
    }
  }

  registerClient(input: {
    clientName: string; clientType?: 'public'; scopes?: string[]; grantTypes?: string[]; redirectUris?: string[]; issuerUrl?: string;
  }): Promise<RegisteredClient> {
    return this.post('RegisterClient', 'client/register', { clientType: 'public', ...input });
  }

  startDeviceAuthorization(input: { clientId: string; clientSecret: string; startUrl: string }): Promise<DeviceAuthorization> {
    return this.post('StartDeviceAuthorization', 'device_authorization', input);
  }

  /** Throws OidcError `authorization_pending` / `slow_down` while a device code waits for approval. */
  createToken(input: CreateTokenInput): Promise<OidcToken> {
    return this.post('CreateToken', 'token', input);
  }

  /** Approves a device code as the signed-in portal user, as the device page's "Allow" does. */
  async approveDeviceCode(userCode: string, portalToken: string): Promise<void> {
    const { deviceContext } = await this.post<{ deviceContext: DeviceContext }>('AcceptUserCode',
      'device_authorization/accept_user_code', { userCode, userSessionId: portalToken });
    await this.post('AssociateToken', 'device_authorization/associate_token', { deviceContext, userSessionId: portalToken });
  }
}
