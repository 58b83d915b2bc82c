// Step 4 (docs/protocol.md §4): the sign-in result becomes a portal session token.
import type { AfterResponseHook, Got, RetryFunction } from 'got';
import { AwsssoError } from '../../errors.js';
import { HandOver } from '../contract.js';
import { readSsoToken } from '../../http/wire-shapes.js';
import { readJsonAnswer } from './json-answer.js';

/** Right after sign-in the portal says "not authorized" for a moment: a few tries, about 3 s apart. */
export const NOT_READY_TRIES = 5;
const notReadyDelay = () => 2500 + Math.round(Math.random() * 1000);

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

/** "Not authorized yet": an HTTP 200 without a token, which got's retry waits out. */
class NotAuthorizedYet extends AwsssoError {
  constructor() {
    super(`the portal did not turn the sign-in into a session: still "not authorized" after ${NOT_READY_TRIES} tries; run the command again`);
  }
}

const throwWhileNotReady: AfterResponseHook = (response) => {
  if (response.statusCode === 200 && typeof response.body === 'string') {
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return response;
    }
    if ('notAuthorizedYet' in readSsoToken(body)) throw new NotAuthorizedYet();
  }
  return response;
};

const waitWhileNotReady: RetryFunction = ({ attemptCount, error }) =>
  error.cause instanceof NotAuthorizedYet && attemptCount < NOT_READY_TRIES ? notReadyDelay() : 0;

export async function exchangeSsoToken(http: Got, portalEndpoint: string, input: {
  authCode: string; state: string; orgId: string; csrfToken: string;
}): Promise<string> {
  const response = await http.post(`${portalEndpoint.replace(/\/+$/, '')}/auth/sso-token`, {
    form: { authCode: input.authCode, state: input.state, orgId: input.orgId },
    headers: { 'x-amz-sso-csrf-token': input.csrfToken },
    responseType: 'text',
    throwHttpErrors: false,
    retry: { limit: NOT_READY_TRIES - 1, calculateDelay: waitWhileNotReady },
    hooks: { afterResponse: [throwWhileNotReady] },
    context: { operation: 'the session token exchange' },
  });
  const read = await readJsonAnswer(response);
  const answer = 'json' in read ? readSsoToken(read.json) : undefined;
  if (response.statusCode === 200 && answer && 'token' in answer) return answer.token;
  const why = 'page' in read ? read.page : answer && 'errorMessage' in answer ? answer.errorMessage : undefined;
  throw new AwsssoError(`the portal did not turn the sign-in into a session (HTTP ${response.statusCode}${why ? `, ${why}` : ''})`);
}
