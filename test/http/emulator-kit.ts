// What the flow tests share: a sign-in context aimed at a running emulator (or a replay of one).
import { CookieJar } from 'tough-cookie';
import type { Got } from 'got';
import { createHttp, type HttpOptions } from '../../src/http/client.js';
import type { HttpSignIn } from '../../src/signin/http/sign-in-over-http.js';
import type { SignInQuestions } from '../../src/signin/contract.js';
import { DEMO_USER } from '../emulator/scenario.js';
import { totpNow } from '../emulator/testkit.js';

export { DEMO_USER, totpNow };

/** The portal, sign-in, OIDC and federation all live at `url` (docs/protocol.md §1). */
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

/** What a test may change of the demo user's sign-in. */
export interface SignInOverrides {
  username?: string;
  password?: () => Promise<string>;
  /** the codes the person gives (default: the demo seed's TOTP) */
  codes?: () => Promise<string>;
  /** the codes are typed by a person, so one rejected code may be retried */
  mfaCodeFromPerson?: boolean;
  newPassword?: () => Promise<string>;
  rememberDevice?: boolean;
}

export function signInContext(target: Target, http: Got, overrides: SignInOverrides = {}): { ctx: HttpSignIn; asked: Asked } {
  const asked: Asked = { password: 0, mfa: [], newPassword: 0 };
  const { codes, newPassword, rememberDevice } = overrides;
  const questions: SignInQuestions = {
    username: overrides.username ?? DEMO_USER.username,
    codesFromPerson: overrides.mfaCodeFromPerson ?? false,
    password: overrides.password ?? (async () => {
      asked.password++;
      return DEMO_USER.password;
    }),
    mfaCode: async (type) => {
      asked.mfa.push(type);
      return codes ? codes() : totpNow(DEMO_USER.totpSeed);
    },
    ...(newPassword ? {
      newPassword: async () => {
        asked.newPassword++;
        return newPassword();
      },
    } : {}),
  };
  const ctx: HttpSignIn = {
    target: { startUrl: target.startUrl, region: target.region, portalEndpoint: target.url, configuredOrigins: [target.url] },
    questions,
    tools: { http, jar: new CookieJar(), progress: () => {}, warn: () => {} },
    ...(rememberDevice === undefined ? {} : { rememberDevice }),
  };
  return { ctx, asked };
}

/** A six-digit code that is not the current TOTP (nor its neighbours, but for a 3-in-a-million chance). */
export async function wrongTotp(): Promise<string> {
  const right = Number(await totpNow(DEMO_USER.totpSeed));
  return String((right + 500_000) % 1_000_000).padStart(6, '0');
}
