// Step 4 (protocol.md section 4): the sign-in result becomes a portal session token.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Got } from 'got';
import { AwsssoError } from '../../errors.js';
import { HandOver } from '../contract.js';

/** Right after sign-in the portal may say "not authorized" for a moment: a few tries, 1-3 s apart. */
const NOT_READY_TRIES = 4;
const notReadyDelay = () => 1000 + Math.random() * 2000;

/** The authCode (workflowResultHandle) and state of the success redirect. */
export function readSigninResult(redirectUrl: string): { authCode: string; state: string } {
  const params = new URL(redirectUrl).searchParams;
  const authCode = params.get('workflowResultHandle');
  const state = params.get('state');
  if (!authCode || state === null) {
    throw new HandOver('unknown-step', 'the sign-in finished without a result awssso can exchange for a session');
  }
  return { authCode, state };
}

export async function exchangeSsoToken(http: Got, portalEndpoint: string, input: {
  authCode: string; state: string; orgId: string; csrfToken: string;
}): Promise<string> {
  const url = `${portalEndpoint.replace(/\/+$/, '')}/auth/sso-token`;
  for (let attempt = 1; ; attempt++) {
    const response = await http.post(url, {
      form: { authCode: input.authCode, state: input.state, orgId: input.orgId },
      headers: { 'x-amz-sso-csrf-token': input.csrfToken },
      responseType: 'json',
      throwHttpErrors: false,
      context: { operation: 'the session token exchange' },
    });
    const body = response.body as { token?: unknown };
    if (response.statusCode === 200 && typeof body?.token === 'string' && body.token) return body.token;
    if ((response.statusCode === 401 || response.statusCode === 403) && attempt < NOT_READY_TRIES) {
      await sleep(notReadyDelay());
      continue;
    }
    throw new AwsssoError(`the portal did not turn the sign-in into a session (HTTP ${response.statusCode} after ${attempt} tries)`);
  }
}
