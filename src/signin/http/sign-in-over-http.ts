// The HTTP sign-in method: portal login, sign-in page, the step workflow, the token exchange.
// Anything it does not understand raises HandOver so the next method (the browser) can take over.
import type { SignInRequest } from '../contract.js';
import { SIGNIN_ACCEPT_LANGUAGE } from '../../http/wire-shapes.js';
import { portalLogin } from './portal-login.js';
import { exchangeSsoToken, readSigninResult } from './sso-token.js';
import { runWorkflow } from './workflow.js';

export interface HttpSignIn extends SignInRequest {
  /** tick "this is a trusted device" so that later sign-ins with the same cookie jar skip MFA; default true */
  rememberDevice?: boolean;
}

/** Signs in; returns the portal token /auth/sso-token issued. */
export async function signInOverHttp({ target, questions, tools, rememberDevice = true }: HttpSignIn): Promise<string> {
  // the page's own English: another language first has drawn firewall challenges (docs/protocol.md §2)
  const http = tools.http.extend({ headers: { 'accept-language': SIGNIN_ACCEPT_LANGUAGE } });
  const login = await portalLogin(http, target.portalEndpoint, target.startUrl, target.region);
  tools.progress(`signing in on ${login.loginUrl.host} for directory ${login.directoryId}`);
  // The page sets the workflow's CSRF cookies (docs/protocol.md §2 [code]) that every step must send
  // back from the jar; without them the steps answer INVALID_CSRF_TOKEN, which hands over.
  const page = await http.get(login.loginUrl, { throwHttpErrors: false, context: { operation: 'the sign-in page' } });
  if (page.statusCode !== 200) tools.progress(`the sign-in page answered HTTP ${page.statusCode}; going on with the workflow`);
  const redirectUrl = await runWorkflow({
    http,
    loginUrl: login.loginUrl,
    questions,
    flow: { region: target.region, rememberDevice },
  });
  const { authCode, state } = readSigninResult(redirectUrl);
  return exchangeSsoToken(http, target.portalEndpoint, {
    authCode, state, orgId: login.directoryId, csrfToken: login.csrfToken,
  });
}
