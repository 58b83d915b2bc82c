// What the emulator's own tests share: a minimal sign-in client that speaks protocol.md
// sections 2-4 over real HTTP (real JWE with jose, real TOTP with otplib).
import { CompactEncrypt, importJWK } from 'jose';
import { createGuardrails, generate } from 'otplib';
import type { RunningEmulator } from './server.js';

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

type Json = Record<string, any>;

export async function totpNow(seed: string): Promise<string> {
  return generate({ secret: seed, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
}

export async function encryptSecret(
  password: string, ctx: Json, claims: Json = {},
): Promise<string> {
  const key = await importJWK({ kty: 'RSA', n: ctx.publicKey.n, e: ctx.publicKey.e }, 'RSA-OAEP-256');
  const iat = Math.floor(Date.now() / 1000);
  const payload = { iss: ctx.issuer, aud: ctx.audience, iat, nbf: iat, exp: iat + 300, jti: crypto.randomUUID(), password, ...claims };
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', kid: ctx.publicKey.kid, enc: 'A256GCM', cty: 'enc', typ: 'application/aws+signin+jwe' })
    .encrypt(key);
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const userInput = (username: string) => ({ input_type: 'UserRequestInput', username });

/** One browser-less sign-in session: a cookie jar and the newest workflow handle. */
export class SignInClient {
  readonly jar = new Map<string, string>();
  handle = '';
  csrfToken = '';
  executeUrl = '';
  /** The last successful answer. */
  last: Json = {};

  constructor(readonly emu: RunningEmulator) {}

  async get(path: string, token?: string): Promise<Reply> {
    return reply(await fetch(`${this.emu.url}${path}`, { headers: token ? { 'x-amz-sso_bearer_token': token } : {} }));
  }

  /** GET /login and the two page-load steps: the workflow then waits for the username. */
  async begin(): Promise<void> {
    const r = await this.get(`/login?directory_id=${this.emu.directoryId}&redirect_url=${encodeURIComponent(`${this.emu.startUrl}/#/`)}`);
    if (r.status !== 200) throw new Error(`/login answered ${r.status}`);
    this.csrfToken = String(r.body.csrfToken);
    await this.beginAt(String(r.body.redirectUrl));
  }

  /** The page-load steps of the workflow a sign-in page URL names. */
  async beginAt(signinPageUrl: string): Promise<void> {
    const page = new URL(signinPageUrl);
    this.handle = page.searchParams.get('workflowStateHandle')!;
    this.executeUrl = page.href.replace(/\/login\?.*$/, '/api/execute');
    await this.expectStep('', [], 'start');
    await this.expectStep('start', [], 'get-identity-user');
  }

  /** One /api/execute call; on 200 the handle moves on and cookies are kept. */
  async step(stepId: string, inputs: unknown[], handle = this.handle): Promise<Reply> {
    const requestId = crypto.randomUUID();
    const body: Json = { stepId, workflowStateHandle: handle, inputs, requestId };
    if (stepId !== '' && stepId !== 'start') body.actionId = 'SUBMIT';
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.executeUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=UTF-8', 'x-amzn-requestid': requestId, ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const r = await reply(res);
    if (r.status === 200) {
      this.handle = String(r.body.workflowStateHandle);
      this.last = r.body;
    }
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
  async password(username: string, password: string, claims?: Json): Promise<Reply> {
    const ctx = this.last.workflowResponseData.encryptionContextResponse;
    const jwe = await encryptSecret(password, ctx, claims);
    return this.step('get-password', [
      { input_type: 'PasswordRequestInput', password: jwe, successfullyEncrypted: 'SUCCESSFUL' },
      userInput(username),
    ]);
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

  /** A whole sign-in with TOTP when asked; returns the portal session token. */
  async signIn(username: string, password: string, seed?: string, rememberDevice = false): Promise<string> {
    await this.begin();
    await this.username(username);
    let r = await this.password(username, password);
    if (r.body.stepId === 'get-mfa') r = await this.mfa(username, await totpNow(seed!), rememberDevice);
    if (r.body.stepId !== 'end-of-workflow-success') throw new Error(`sign-in ended with ${r.status} ${JSON.stringify(r.body)}`);
    const t = await this.ssoToken();
    if (t.status !== 200) throw new Error(`/auth/sso-token answered ${t.status}`);
    return String(t.body.token);
  }
}
