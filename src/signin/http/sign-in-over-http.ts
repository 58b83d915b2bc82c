// The HTTP sign-in method: portal login, sign-in page, the step workflow, the token exchange.
// Anything it does not understand raises HandOver so the next method (the browser) can take over.
import type { PortalSession } from '../../types.js';
import type { SignInRequest } from '../contract.js';
import { sessionFor } from '../../http/portal.js';
import { portalLogin } from './portal-login.js';
import { exchangeSsoToken, readSigninResult } from './sso-token.js';
import { runWorkflow } from './workflow.js';

export interface HttpSignIn extends SignInRequest {
  /** tick "this is a trusted device" so that later sign-ins with the same cookie jar skip MFA; default true */
  rememberDevice?: boolean;
}

export async function signInOverHttp({ target, questions, tools, rememberDevice = true }: HttpSignIn): Promise<PortalSession> {
  const { http } = tools;
  const login = await portalLogin(http, target.portalEndpoint, target.startUrl, target.region);
  tools.progress(`signing in on ${login.loginUrl.host} for directory ${login.directoryId}`);
  // A browser loads the page first and may get cookies there; the workflow does not depend on it,
  // so an odd status is only a progress line.
  const page = await http.get(login.loginUrl, { throwHttpErrors: false, context: { operation: 'the sign-in page' } });
  if (page.statusCode !== 200) tools.progress(`the sign-in page answered HTTP ${page.statusCode}; going on with the workflow`);
  const redirectUrl = await runWorkflow({
    http,
    loginUrl: login.loginUrl,
    questions,
    flow: { region: target.region, rememberDevice },
  });
  const { authCode, state } = readSigninResult(redirectUrl);
  const token = await exchangeSsoToken(http, target.portalEndpoint, {
    authCode, state, orgId: login.directoryId, csrfToken: login.csrfToken,
  });
  return sessionFor(http, target.portalEndpoint, token);
}
