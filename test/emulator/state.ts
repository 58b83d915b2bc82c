// Everything the emulator remembers between requests. Plain maps: the routes own the rules.
import type { WorkflowKey } from './jwe.js';
import type { ResolvedScenario, ScenarioUser } from './scenario.js';

/** Steps that can follow a correct password, in the order they are asked. */
export type AfterPassword = 'notice' | 'change-password' | 'mfa';

export interface Workflow {
  /** The newest workflowStateHandle; a successful answer replaces every handle of the workflow. */
  handle: string;
  /** Every handle accepted now: the newest, and those an error answer rotated away from. */
  handles: string[];
  /** Value of the workflow-csrf-token cookie this workflow wants back. */
  csrfCookie: string;
  /** The request stepId the workflow waits for. */
  expect: string;
  csrfToken: string;
  state: string;
  expiresAt: number;
  username?: string;
  key?: WorkflowKey;
  captchaId?: string;
  webauthnChallenge?: string;
  /** The e-mailed code the e-mail OTP step accepts now (a RETRY mails a new one). */
  emailCode?: string;
  remaining: AfterPassword[];
  /** The query of the /start request that began this sign-in, kept for the success redirect. */
  portalQuery?: string;
}

export interface AuthCode {
  username: string;
  state: string;
  csrfToken: string;
  expiresAt: number;
  notReadyLeft: number;
}

export interface Session {
  username: string;
  createdAt: number;
  expiresAt: number;
}

export interface OidcClient {
  clientSecret: string;
  clientName: string;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  secretExpiresAt: number;
}

export interface DeviceGrant {
  clientId: string;
  userCode: string;
  deviceContextId: string;
  expiresAt: number;
  /** Set when a portal session approves it (associate_token). */
  username?: string;
  accepted: boolean;
}

/** One PKCE authorization request, from /authorize to the code it ends in. */
export interface Authorization {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[];
  expiresAt: number;
  /** Set by /authentication_result (a portal session looked at the request). */
  username?: string;
  resumptionContext?: string;
  /** Set by associate_token: the user allowed access. */
  approved?: boolean;
}

export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  username: string;
  scopes: string[];
  expiresAt: number;
}

export interface RefreshGrant {
  clientId: string;
  username: string;
  scopes: string[];
  /** the access token issued with it: Logout with that token ends this grant too */
  accessToken: string;
}

export interface VendedCredentials {
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
  accountId: string;
  roleName: string;
  username: string;
}

export interface SigninToken {
  accessKeyId: string;
  expiresAt: number;
}

export class EmulatorState {
  readonly workflows = new Map<string, Workflow>(); // by current handle
  readonly authCodes = new Map<string, AuthCode>();
  readonly sessions = new Map<string, Session>(); // portal tokens and OIDC access tokens
  readonly trustedDevices = new Map<string, string>(); // cookie value -> username
  readonly clients = new Map<string, OidcClient>();
  readonly devices = new Map<string, DeviceGrant>(); // by deviceCode
  readonly authorizations = new Map<string, Authorization>(); // by orchestrator id
  readonly issuedCodes = new Map<string, IssuedCode>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly credentials = new Map<string, VendedCredentials>(); // by access key id
  readonly signinTokens = new Map<string, SigninToken>();
  /** The sign-in host's own session (cookie aws-usi-authn): value -> username and end. */
  readonly signinSessions = new Map<string, { username: string; expiresAt: number }>();
  /** Every code "e-mailed" to a user, oldest first: what tests read instead of a mailbox. */
  readonly mailbox = new Map<string, string[]>();
  /** aws-waf-token cookie values a page earned by passing the firewall's challenge or captcha. */
  readonly wafTokens = new Set<string>();
  /** Value of the directory-csrf-token cookie (one per directory). */
  readonly directoryCsrf = crypto.randomUUID();

  constructor(readonly scenario: ResolvedScenario) {}

  user(username: string | undefined): ScenarioUser | undefined {
    return this.scenario.users.find((u) => u.username === username);
  }

  /** A live session for a bearer token, or undefined (unknown, expired or revoked). */
  session(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const s = this.sessions.get(token);
    if (!s) return undefined;
    if (s.expiresAt <= Date.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return s;
  }

  newSession(token: string, username: string, seconds: number): Session {
    const now = Date.now();
    const s = { username, createdAt: now, expiresAt: now + seconds * 1000 };
    this.sessions.set(token, s);
    return s;
  }

  /** Logout: the session of `token` ends, with any refresh token issued beside it. */
  endSession(token: string): void {
    this.sessions.delete(token);
    for (const [refreshToken, grant] of this.refreshTokens) {
      if (grant.accessToken === token) this.refreshTokens.delete(refreshToken);
    }
  }

  /** Ends every portal session, OIDC access token, refresh token and sign-in host session: a fresh sign-in is needed. */
  revokeSessions(): void {
    this.sessions.clear();
    this.refreshTokens.clear();
    this.signinSessions.clear();
  }
}
