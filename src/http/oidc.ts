// The OIDC service (docs/protocol.md §6) through awssso's got client: client registration, the
// device code and PKCE grants, and approving a waiting client with a portal session, by user code
// (accept_user_code + associate_token) or by its /authorize URL (authentication_result +
// associate_token, ending in a redirect to the client's loopback URI that is read, not followed).
import type { Got } from 'got';
import { AwsssoError } from '../errors.js';
import { AwsServiceError } from './aws-errors.js';
import { readDeviceConsent, type Consent } from './wire-shapes.js';

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

/** A device code accepted but not yet approved: what it is for, and how to approve it. */
export interface AcceptedDeviceCode {
  consent: Consent;
  deviceContext: DeviceContext;
}

/** A PKCE request the portal session has looked at: what it is for, and where it resumes. */
export interface PendingAuthorization {
  consent: Consent;
  resumptionContext: string;
  redirectUri: string;
}

/** A parameter of a redirect target, from its query or from a `#/...?` fragment (portal routes). */
function redirectParam(location: string, name: string): string | undefined {
  const url = new URL(location);
  const hashQuery = url.hash.includes('?') ? new URLSearchParams(url.hash.slice(url.hash.indexOf('?') + 1)) : undefined;
  return url.searchParams.get(name) ?? hashQuery?.get(name) ?? undefined;
}

export class OidcClient {
  private readonly api: Got;

  constructor(private readonly http: Got, endpoint: string) {
    this.api = http.extend({ prefixUrl: endpoint.replace(/\/+$/, ''), responseType: 'json' });
  }

  private async post<T>(operation: string, path: string, json: object, headers: Record<string, string> = {}): Promise<T> {
    try {
      return (await this.api.post(path, { json, headers, context: { operation } })).body as T;
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

  /** GET that answers with a redirect: its Location, never followed (it may point at a loopback listener). */
  private async location(operation: string, url: string): Promise<string> {
    const response = await this.http.get(url, {
      followRedirect: false,
      responseType: 'text',
      context: { operation },
    });
    const to = response.headers.location;
    if (!to) throw new AwsssoError(`${operation}: HTTP ${response.statusCode} without a redirect; the authorization flow changed`);
    return new URL(to, url).href;
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

  /** First half of the device page's "Allow": names the client; the code stays unused until associated. */
  async acceptUserCode(userCode: string, portalToken: string): Promise<AcceptedDeviceCode> {
    const body = await this.post<{ deviceContext: DeviceContext }>('AcceptUserCode', 'device_authorization/accept_user_code',
      { userCode, userSessionId: portalToken });
    return { deviceContext: body.deviceContext, consent: readDeviceConsent(body) };
  }

  /** Second half: approves the device code as the signed-in user. Consumes the code. */
  async associateDeviceCode(accepted: AcceptedDeviceCode, portalToken: string): Promise<void> {
    await this.post('AssociateToken', 'device_authorization/associate_token', { deviceContext: accepted.deviceContext, userSessionId: portalToken });
  }

  /**
   * Opens a PKCE /authorize URL as the signed-in user, up to the consent: authorize ->
   * orchestrator_id -> authentication_result -> authorizationResumptionContext.
   */
  async openAuthorization(authorizeUrl: string, portalToken: string, startUrl: string): Promise<PendingAuthorization> {
    const request = new URL(authorizeUrl);
    const orchestratorId = redirectParam(await this.location('Authorize', authorizeUrl), 'orchestrator_id');
    if (!orchestratorId) throw new AwsssoError('Authorize: no orchestrator_id in the redirect; the authorization flow changed');
    const origin = new URL(startUrl).origin;
    // Working clients send the token under both header spellings, from the portal's origin [code x3].
    const { location } = await this.post<{ location: string }>('AuthenticationResult', 'authentication_result', { orchestrator_id: orchestratorId },
      { 'x-amz-sso_bearer_token': portalToken, 'x-amz-sso-bearer-token': portalToken, origin, referer: `${origin}/` });
    const resumptionContext = redirectParam(await this.location('Authorize', location), 'authorizationResumptionContext');
    if (!resumptionContext) throw new AwsssoError('Authorize: no authorizationResumptionContext in the redirect; the authorization flow changed');
    const scopes = (request.searchParams.get('scopes') ?? '').split(/[\s,]+/).filter(Boolean);
    return {
      consent: { clientId: request.searchParams.get('client_id') ?? '', scopes },
      resumptionContext,
      redirectUri: request.searchParams.get('redirect_uri') ?? '',
    };
  }

  /** Allows the request: the answer is the client's redirect URI with `code` and `state`, read from Location. */
  async approveAuthorization(pending: PendingAuthorization, portalToken: string): Promise<URL> {
    const { location } = await this.post<{ location: string }>('AssociateToken', 'device_authorization/associate_token',
      { authorizationResumptionContext: pending.resumptionContext, userSessionId: portalToken });
    const callback = new URL(await this.location('Authorize', location));
    const expected = new URL(pending.redirectUri);
    if (callback.hostname !== expected.hostname || callback.pathname !== expected.pathname || !callback.searchParams.get('code')) {
      throw new AwsssoError(`Authorize: the approval redirected to ${callback.origin}${callback.pathname}, not the client's redirect URI`);
    }
    return callback;
  }
}
