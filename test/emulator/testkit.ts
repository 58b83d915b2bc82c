// What the emulator's own tests share: a minimal sign-in client written from docs/protocol.md
// §2-§4 alone (real JWE with jose, real TOTP with otplib, a cookie jar), over real HTTP. If the
// emulator and the page disagree, this client is what notices.
import { CompactEncrypt, importJWK } from 'jose';
import { createGuardrails, generate } from 'otplib';
import type { RunningEmulator } from './server.js';

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

type Json = Record<string, any>;

/** A Chinese-first Accept-Language drew firewall challenges in one source (§2): send English. */
const ACCEPT_LANGUAGE = 'en-US,en;q=0.9';

export async function totpNow(seed: string): Promise<string> {
  return generate({ secret: seed, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
}

export async function encryptSecret(
  password: string, ctx: Json, claims: Json = {},
): Promise<string> {
  const key = await importJWK({ kty: 'RSA', n: ctx.publicKey.n, e: ctx.publicKey.e }, 'RSA-OAEP-256');
  const iat = Math.floor(Date.now() / 1000);
  // The context names issuer and audience bare; the claims prefix them with the region (§2).
  const payload = { iss: `${ctx.region}.${ctx.issuer}`, aud: `${ctx.region}.${ctx.audience}`, iat, nbf: iat, exp: iat + 300, jti: crypto.randomUUID(), password, ...claims };
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', kid: ctx.publicKey.kid, enc: 'A256GCM', cty: 'enc', typ: 'application/aws+signin+jwe' })
    .encrypt(key);
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const userInput = (username: string) => ({ input_type: 'UserRequestInput', username });
export const preferencesInput = (trustDevice?: boolean) =>
  ({ input_type: 'UserPreferencesRequestInput', ...(trustDevice === undefined ? {} : { trustDevice }) });

/** The reason of a sign-in error body: message.errorCode (§2 error body). */
export const errorCode = (r: Reply): unknown => (r.body.message as Json | undefined)?.errorCode;

/** One browser-less sign-in session: a cookie jar and the newest workflow handle. */
export class SignInClient {
  readonly jar = new Map<string, string>();
  handle = '';
  csrfToken = '';
  executeUrl = '';
  loginUrl = '';
  /** The last successful answer. */
  last: Json = {};

  constructor(readonly emu: RunningEmulator) {}

  async get(path: string, token?: string): Promise<Reply> {
    return reply(await fetch(`${this.emu.url}${path}`, { headers: token ? { 'x-amz-sso_bearer_token': token } : {} }));
  }

  private cookieHeader(): Record<string, string> {
    return this.jar.size ? { Cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  /** Keeps every cookie an answer sets (one loopback host: paths are not needed). */
  private keepCookies(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  /** GET /login and the two page-load steps: the workflow then waits for the username. */
  async begin(): Promise<void> {
    const r = await this.get(`/login?directory_id=${this.emu.directoryId}&redirect_url=${encodeURIComponent(`${this.emu.startUrl}/#/`)}`);
    if (r.status !== 200) throw new Error(`/login answered ${r.status}`);
    this.csrfToken = String(r.body.csrfToken);
    await this.beginAt(String(r.body.redirectUrl));
  }

  /** The sign-in page GET (it sets the CSRF cookies) and the page-load steps of its workflow. */
  async beginAt(signinPageUrl: string): Promise<void> {
    await this.openPage(signinPageUrl);
    await this.expectStep('', [], 'start');
    await this.expectStep('start', [], 'get-identity-user');
  }

  /** GET the sign-in page, keeping its cookies, and take its workflow handle. */
  async openPage(signinPageUrl: string): Promise<void> {
    const page = new URL(signinPageUrl);
    this.loginUrl = page.href;
    this.handle = page.searchParams.get('workflowStateHandle')!;
    this.executeUrl = page.href.replace(/\/login\?.*$/, '/api/execute');
    const res = await fetch(page, { headers: { 'Accept-Language': ACCEPT_LANGUAGE, ...this.cookieHeader() } });
    await res.text();
    this.keepCookies(res);
  }

  /**
   * One /api/execute call with the headers a browser sends; cookies are kept, and the newest
   * handle (of a 200, or the rotated one of an error answer) is used next.
   */
  async step(stepId: string, inputs: unknown[], handle = this.handle, actionId?: string): Promise<Reply> {
    const requestId = crypto.randomUUID();
    const body: Json = { stepId, workflowStateHandle: handle, inputs, requestId };
    if (actionId) body.actionId = actionId;
    else if (stepId !== '' && stepId !== 'start') body.actionId = 'SUBMIT';
    const res = await fetch(this.executeUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=UTF-8',
        Origin: new URL(this.executeUrl).origin,
        Referer: this.loginUrl,
        'Accept-Language': ACCEPT_LANGUAGE,
        'x-amzn-requestid': requestId,
        ...this.cookieHeader(),
      },
      body: JSON.stringify(body),
    });
    this.keepCookies(res);
    const text = res.headers.get('content-type')?.startsWith('application/json') ? undefined : await res.text();
    const r = text === undefined ? await reply(res) : { status: res.status, headers: res.headers, body: { html: text } };
    if (typeof r.body.workflowStateHandle === 'string') this.handle = r.body.workflowStateHandle;
    if (r.status === 200) this.last = r.body;
    return r;
  }

  async expectStep(stepId: string, inputs: unknown[], answer: string): Promise<Json> {
    const r = await this.step(stepId, inputs);
    if (r.status !== 200 || r.body.stepId !== answer) {
      throw new Error(`step "${stepId}" answered ${r.status} ${JSON.stringify(r.body)}, expected stepId ${answer}`);
    }
    return r.body;
  }

  async username(username: string): Promise<Reply> {
    return this.step('get-identity-user', [userInput(username), { input_type: 'ApplicationTypeRequestInput', applicationType: 'SSO' }]);
  }

  /** Submits the password, encrypted with the key of the last get-password answer. */
  async password(username: string, password: string, claims?: Json, extra: unknown[] = []): Promise<Reply> {
    const ctx = this.last.workflowResponseData.encryptionContextResponse;
    this.encryption = ctx;
    const jwe = await encryptSecret(password, ctx, claims);
    return this.step('get-password', [
      { input_type: 'PasswordRequestInput', password: jwe, successfullyEncrypted: 'SUCCESSFUL' },
      preferencesInput(),
      userInput(username),
      ...extra,
    ]);
  }

  /** The encryption context of the last get-password answer (the change-password step reuses it). */
  encryption: Json = {};

  /** The evidenced e-mail code step (§3): SUBMIT a code, or RETRY for a new one. */
  async emailCode(username: string, code: string, trustDevice = false): Promise<Reply> {
    return this.step('get-email-otp-login-credential', [
      { input_type: 'EmailOTPLoginRequestInput', emailOTPLoginResponseCode: code },
      preferencesInput(trustDevice),
      userInput(username),
    ]);
  }

  async resendEmailCode(): Promise<Reply> {
    return this.step('get-email-otp-login-credential', [], this.handle, 'RETRY');
  }

  /** The newest code the emulated mailbox received, read over HTTP as an out-of-process test would. */
  async mailedCode(username: string): Promise<string> {
    const r = await this.get(`/emulator/mailbox?username=${encodeURIComponent(username)}`);
    return String((r.body.codes as string[]).at(-1));
  }

  async mfa(username: string, mfaCode: string, rememberDevice = false, mfaType = 'TOTP'): Promise<Reply> {
    return this.step('get-mfa', [{ input_type: 'MfaRequestInput', mfaType, mfaCode, rememberDevice }, userInput(username)]);
  }

  /** Trades the success redirect's workflowResultHandle for a portal token (section 4). */
  async ssoToken(csrfToken = this.csrfToken): Promise<Reply> {
    const redirect = new URL(this.last.redirect.url);
    const res = await fetch(`${this.emu.url}/auth/sso-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-amz-sso-csrf-token': csrfToken },
      body: new URLSearchParams({
        authCode: redirect.searchParams.get('workflowResultHandle')!,
        state: redirect.searchParams.get('state')!,
        orgId: this.emu.directoryId,
      }),
    });
    return reply(res);
  }

  /**
   * A whole sign-in as §2-§4 describe it: the e-mail code from the mailbox, a TOTP code for the
   * guessed get-mfa step [inferred], the token exchange retried through "not authorized".
   */
  async signIn(username: string, password: string, seed?: string, rememberDevice = false): Promise<string> {
    await this.begin();
    await this.username(username);
    let r = await this.password(username, password);
    if (r.body.stepId === 'get-mfa') r = await this.mfa(username, await totpNow(seed!), rememberDevice);
    if (r.body.stepId === 'get-email-otp-login-credential') r = await this.emailCode(username, await this.mailedCode(username), rememberDevice);
    if (r.body.stepId !== 'end-of-workflow-success') throw new Error(`sign-in ended with ${r.status} ${JSON.stringify(r.body)}`);
    return this.exchange();
  }

  /** /auth/sso-token until the token comes: "not authorized" is a 200 without a token (§4). */
  async exchange(): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const t = await this.ssoToken();
      if (t.status !== 200) throw new Error(`/auth/sso-token answered ${t.status}`);
      if (typeof t.body.token === 'string') return t.body.token;
      if (!/not authorized/i.test(String(t.body.errorMessage))) throw new Error(`/auth/sso-token: ${JSON.stringify(t.body)}`);
    }
    throw new Error('/auth/sso-token stayed "not authorized"');
  }
}
