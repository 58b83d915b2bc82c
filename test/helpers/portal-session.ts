// Test-side sign-in to the loopback emulator over plain HTTP (docs/protocol.md §2-§4, §6),
// written independently of src/ so that tests of other clients get a portal session without
// depending on the code under test. Also approves OIDC device codes with that session.
import { randomUUID } from 'node:crypto';

export interface EmulatorUser {
  username: string;
  password: string;
  /** base32 TOTP seed, for users whose sign-in asks for MFA */
  totpSeed?: string;
}

/** The emulator's demo user (test/emulator/README.md). */
export const demoUser: EmulatorUser = {
  username: 'demo@example.com',
  password: 'Demo-Passw0rd!',
  totpSeed: 'JBSWY3DPEHPK3PXP',
};

interface EmulatorAddress {
  /** http://127.0.0.1:PORT: portal API and OIDC */
  url: string;
  /** the access portal start URL */
  startUrl: string;
}

interface StepAnswer {
  stepId: string;
  workflowStateHandle: string;
  workflowResponseData?: {
    encryptionContextResponse?: {
      publicKey: { kty: string; kid: string; n: string; e: string };
      issuer: string;
      audience: string;
      region: string;
    };
    mfaChallengeResponse?: { mfaType: string; rememberDeviceAllowed?: boolean };
  };
  redirect?: { url: string; method?: string };
}

/** Signs `user` in through the sign-in API and returns the portal session token. */
export async function signInToEmulator(emu: EmulatorAddress, user: EmulatorUser = demoUser): Promise<string> {
  const jar = new CookieJar();
  const bootstrap = await jar.fetchJson<{ redirectUrl: string; csrfToken: string }>(
    `${emu.url}/login?redirect_url=${encodeURIComponent(`${emu.startUrl}/#/`)}`,
  );
  const loginUrl = new URL(bootstrap.redirectUrl);
  const directoryId = loginUrl.pathname.split('/').find((part) => /^d-[0-9a-z]+$/.test(part));
  if (!directoryId) throw new Error(`no directory id in the sign-in URL ${loginUrl.pathname}`);
  const executeUrl = new URL(loginUrl.pathname.replace(/\/login$/, '/api/execute'), loginUrl).href;
  // The sign-in page sets the workflow's CSRF cookies; every step must bring them back (§2).
  await jar.fetch(loginUrl.href);

  let handle = loginUrl.searchParams.get('workflowStateHandle') ?? '';
  const step = async (stepId: string, inputs?: object[]): Promise<StepAnswer> => {
    const requestId = randomUUID();
    const answer = await jar.fetchJson<StepAnswer>(executeUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        origin: loginUrl.origin,
        referer: loginUrl.href,
        'accept-language': 'en-US,en;q=0.9',
        'x-amzn-requestid': requestId,
      },
      body: JSON.stringify({
        stepId,
        workflowStateHandle: handle,
        ...(inputs ? { actionId: 'SUBMIT', inputs } : {}),
        requestId,
      }),
    });
    handle = answer.workflowStateHandle;
    return answer;
  };
  const userInput = { input_type: 'UserRequestInput', username: user.username };

  let answer = await step('');
  if (answer.stepId === 'start') answer = await step('start');
  if (answer.stepId !== 'get-identity-user') throw new Error(`unexpected sign-in step ${answer.stepId}`);
  answer = await step('get-identity-user', [userInput, { input_type: 'ApplicationTypeRequestInput', applicationType: 'SSO' }]);
  const context = answer.workflowResponseData?.encryptionContextResponse;
  if (answer.stepId !== 'get-password' || !context) throw new Error(`unexpected sign-in step ${answer.stepId}`);
  const password = await encryptPassword(user.password, context);
  answer = await step('get-password', [
    { input_type: 'PasswordRequestInput', password, successfullyEncrypted: 'SUCCESSFUL' },
    { input_type: 'UserPreferencesRequestInput' },
    userInput,
  ]);
  if (answer.stepId === 'get-mfa') {
    const mfaType = answer.workflowResponseData?.mfaChallengeResponse?.mfaType ?? 'TOTP';
    if (mfaType !== 'TOTP' || !user.totpSeed) throw new Error(`the test user cannot answer MFA type ${mfaType}`);
    const { createGuardrails, generate } = await import('otplib');
    // The demo seed is 10 bytes; otplib 13 refuses seeds under 16 bytes unless told otherwise.
    const mfaCode = await generate({ secret: user.totpSeed, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
    answer = await step('get-mfa', [{ input_type: 'MfaRequestInput', mfaType, mfaCode, rememberDevice: false }, userInput]);
  }
  if (answer.stepId === 'get-email-otp-login-credential') {
    // The emulator's stand-in for the mailbox (test/emulator/README.md).
    const mailbox = await jar.fetchJson<{ codes: string[] }>(`${emu.url}/emulator/mailbox?username=${encodeURIComponent(user.username)}`);
    answer = await step('get-email-otp-login-credential', [
      { input_type: 'EmailOTPLoginRequestInput', emailOTPLoginResponseCode: mailbox.codes.at(-1) },
      { input_type: 'UserPreferencesRequestInput', trustDevice: false },
      userInput,
    ]);
  }
  if (answer.stepId !== 'end-of-workflow-success' || !answer.redirect) throw new Error(`sign-in ended at step ${answer.stepId}`);
  const result = new URL(answer.redirect.url);
  const authCode = result.searchParams.get('workflowResultHandle') ?? '';
  const state = result.searchParams.get('state') ?? '';

  // A short "not authorized" period right after sign-in is normal: HTTP 200 without a token (docs/protocol.md §4).
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${emu.url}/auth/sso-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-amz-sso-csrf-token': bootstrap.csrfToken },
      body: new URLSearchParams({ authCode, state, orgId: directoryId }).toString(),
    });
    if (!response.ok) throw new Error(`sso-token exchange answered HTTP ${response.status}`);
    const answer = (await response.json()) as { token?: string; errorMessage?: string | null };
    if (answer.token) return answer.token;
    if (!/not authorized/i.test(answer.errorMessage ?? '') || attempt >= 5) throw new Error(`sso-token exchange: ${answer.errorMessage}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * Approves a pending device authorization the way the portal's device page does
 * (docs/protocol.md §6): accept_user_code, then associate_token, with the portal session.
 */
export async function approveDeviceCode(oidcUrl: string, userCode: string, portalToken: string): Promise<void> {
  const accepted = await postJson<{ deviceContext: object }>(`${oidcUrl}/device_authorization/accept_user_code`, {
    userCode,
    userSessionId: portalToken,
  });
  await postJson(`${oidcUrl}/device_authorization/associate_token`, {
    deviceContext: accepted.deviceContext,
    userSessionId: portalToken,
  });
}

export interface OidcDeviceToken {
  clientId: string;
  clientSecret: string;
  /** epoch seconds */
  clientSecretExpiresAt: number;
  accessToken: string;
  /** seconds */
  expiresIn: number;
  refreshToken?: string;
}

/**
 * A whole OIDC device flow over HTTP (docs/protocol.md §6): register a public client, start
 * a device authorization, approve it with the portal session, and create the token.
 */
export async function oidcDeviceToken(emu: EmulatorAddress, portalToken: string, scopes: string[] = ['sso:account:access']): Promise<OidcDeviceToken> {
  const client = await postJson<{ clientId: string; clientSecret: string; clientSecretExpiresAt: number }>(`${emu.url}/client/register`, {
    clientName: 'aws-clients-test',
    clientType: 'public',
    scopes,
  });
  const device = await postJson<{ deviceCode: string; userCode: string }>(`${emu.url}/device_authorization`, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    startUrl: emu.startUrl,
  });
  await approveDeviceCode(emu.url, device.userCode, portalToken);
  const token = await postJson<{ accessToken: string; expiresIn: number; refreshToken?: string }>(`${emu.url}/token`, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    grantType: 'urn:ietf:params:oauth:grant-type:device_code',
    deviceCode: device.deviceCode,
  });
  return { ...client, ...token };
}

async function encryptPassword(
  password: string,
  context: NonNullable<NonNullable<StepAnswer['workflowResponseData']>['encryptionContextResponse']>,
): Promise<string> {
  const { CompactEncrypt, importJWK } = await import('jose');
  const key = await importJWK(context.publicKey, 'RSA-OAEP-256');
  const iat = Math.floor(Date.now() / 1000);
  // The context names issuer and audience bare; the claims prefix them with the region (§2).
  const claims = { iss: `${context.region}.${context.issuer}`, aud: `${context.region}.${context.audience}`, iat, nbf: iat, exp: iat + 300, jti: randomUUID(), password };
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', kid: context.publicKey.kid, enc: 'A256GCM', cty: 'enc', typ: 'application/aws+signin+jwe' })
    .encrypt(key);
}

async function postJson<T>(url: string, body: object): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered HTTP ${response.status}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** Enough of a cookie jar for one loopback host: the sign-in host may keep state in cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** One request with the jar's cookies; the answer's cookies are kept. Returns the body text. */
  async fetch(url: string, init: RequestInit = {}): Promise<{ response: Response; text: string }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return { response, text: await response.text() };
  }

  async fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
    const { response, text } = await this.fetch(url, init);
    if (!response.ok) {
      // The body of a sign-in error names its code; it carries no secret.
      throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
    return JSON.parse(text) as T;
  }
}
