// What the flow tests share: a sign-in context aimed at a running emulator (or a replay of one).
import { CookieJar } from 'tough-cookie';
import type { Got } from 'got';
import { createHttp, type HttpOptions } from '../../src/http/client.js';
import type { SignInContext } from '../../src/http/signin/index.js';
import { DEMO_USER } from '../emulator/scenario.js';
import { totpNow } from '../emulator/testkit.js';

export { DEMO_USER, totpNow };

/** The portal, sign-in, OIDC and federation all live at `url` (contracts.md). */
export interface Target {
  url: string;
  startUrl: string;
  region: string;
}

/** What the person "typed", counted so tests can tell what was asked. */
export interface Asked {
  password: number;
  mfa: string[];
  newPassword: number;
}

export function testHttp(target: Target, jar = new CookieJar(), extra: Partial<HttpOptions> = {}): Got {
  return createHttp({ cookieJar: jar, extraAllowedOrigins: [target.url], retry: { baseDelayMs: 50 }, ...extra });
}

export function signInContext(
  target: Target,
  http: Got,
  overrides: Partial<SignInContext> & { codes?: () => Promise<string> } = {},
): { ctx: SignInContext; asked: Asked } {
  const asked: Asked = { password: 0, mfa: [], newPassword: 0 };
  const { codes, ...rest } = overrides;
  const ctx: SignInContext = {
    http,
    startUrl: target.startUrl,
    region: target.region,
    portalEndpoint: target.url,
    username: DEMO_USER.username,
    password: async () => {
      asked.password++;
      return DEMO_USER.password;
    },
    mfaCode: async (type) => {
      asked.mfa.push(type);
      return codes ? codes() : totpNow(DEMO_USER.totpSeed);
    },
    ...rest,
  };
  if (rest.newPassword) {
    const inner = rest.newPassword;
    ctx.newPassword = async () => {
      asked.newPassword++;
      return inner();
    };
  }
  return { ctx, asked };
}

/** A six-digit code that is not the current TOTP (nor its neighbours, but for a 3-in-a-million chance). */
export async function wrongTotp(): Promise<string> {
  const right = Number(await totpNow(DEMO_USER.totpSeed));
  return String((right + 500_000) % 1_000_000).padStart(6, '0');
}
