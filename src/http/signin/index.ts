// The whole HTTP sign-in: portal login, sign-in page, the step workflow, the token exchange.
// Anything it does not understand raises HandOver so the browser can take over.
import type { Got } from 'got';
import type { PortalSession } from '../../types.js';
import { toAwsssoError } from '../aws-errors.js';
import { sessionFor } from '../portal.js';
import { portalLogin } from './portal-login.js';
import { exchangeSsoToken, readSigninResult } from './sso-token.js';
import type { MfaType } from './steps.js';
import { runWorkflow } from './workflow.js';

export type { MfaType } from './steps.js';

export interface SignInContext {
  http: Got;
  startUrl: string;
  region: string;
  portalEndpoint: string;
  username: string;
  password(): Promise<string>;
  mfaCode(type: MfaType): Promise<string>;
  /** asked when the directory makes the user choose a new password; without it that is SignInRejected */
  newPassword?(): Promise<string>;
  /** tick "this is a trusted device" so that later sign-ins with the same cookie jar skip MFA; default true */
  rememberDevice?: boolean;
  /** mfaCode asks a person: after a rejected code, ask once more; default false (a code from a seed is not retried) */
  mfaCodeFromPerson?: boolean;
  log?(line: string): void;
}

export async function signInOverHttp(ctx: SignInContext): Promise<PortalSession> {
  const login = await portalLogin(ctx.http, ctx.portalEndpoint, ctx.startUrl, ctx.region);
  ctx.log?.(`signing in on ${login.loginUrl.host} for directory ${login.directoryId}`);
  // A browser loads the page first and may get cookies there; the workflow does not depend on it,
  // so an odd status is only logged.
  const page = await ctx.http.get(login.loginUrl, { throwHttpErrors: false }).catch((error: unknown) => {
    throw toAwsssoError(error, 'the sign-in page');
  });
  if (page.statusCode !== 200) ctx.log?.(`the sign-in page answered HTTP ${page.statusCode}; going on with the workflow`);
  const redirectUrl = await runWorkflow({
    http: ctx.http,
    loginUrl: login.loginUrl,
    mfaRetry: ctx.mfaCodeFromPerson ?? false,
    flow: {
      username: ctx.username,
      region: ctx.region,
      password: () => ctx.password(),
      mfaCode: (type) => ctx.mfaCode(type),
      ...(ctx.newPassword ? { newPassword: () => ctx.newPassword!() } : {}),
      rememberDevice: ctx.rememberDevice ?? true,
    },
  });
  const { authCode, state } = readSigninResult(redirectUrl);
  const token = await exchangeSsoToken(ctx.http, ctx.portalEndpoint, {
    authCode, state, orgId: login.directoryId, csrfToken: login.csrfToken,
  });
  return sessionFor(ctx.http, ctx.portalEndpoint, token);
}
