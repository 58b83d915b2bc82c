// Drives the sign-in API (POST .../api/execute) through the step table: every answer carries
// the next stepId and a new workflowStateHandle. A refusal is judged by docs/protocol.md §9: the
// HTTP path never concludes "wrong password" (AUTHENTICATION_FAILED is ambiguous), it hands over
// to the browser, whose page gives the verdict.
import { randomUUID } from 'node:crypto';
import type { Got, Response } from 'got';
import { AwsssoError, SignInRejected } from '../../errors.js';
import { HandOver } from '../contract.js';
import {
  isCaptchaChallenge, isFormPostRedirect, looksLikeMfa, readSigninError, SIGNIN_ERROR, WAF_ACTION_HEADER, type SigninError,
} from '../../http/wire-shapes.js';
import type { SignInQuestions } from '../contract.js';
import { readJsonAnswer } from './json-answer.js';
import { steps, type FlowState, type StepAnswer, type StepRequest } from './steps.js';

/** A workflow that goes round more often than this is not one awssso understands. */
const MAX_STEPS = 20;

export interface Workflow {
  http: Got;
  /** https://<r>.signin.aws/platform/<d-id>/login?workflowStateHandle=... */
  loginUrl: URL;
  questions: SignInQuestions;
  flow: FlowState;
}

/** A step the service refused (4xx/5xx with an error body), before it is judged. */
class StepRefused extends Error {
  constructor(readonly status: number, readonly error: SigninError, readonly stepId: string) {
    super(`step ${stepId} refused`);
  }
}

const stepName = (stepId: string) => (stepId ? `\`${stepId}\`` : '(page load)');

/** What a refusal means. Only the project's invented codes are taken at their word (docs/protocol.md §2). */
function judge({ status, error: { errorCode, words }, stepId }: StepRefused): AwsssoError {
  switch (errorCode) {
    case SIGNIN_ERROR.emailOtpFailed:
    case SIGNIN_ERROR.userLocked:
    case SIGNIN_ERROR.passwordPolicy:
      return new SignInRejected(`sign-in refused: ${words ?? errorCode}`);
    case SIGNIN_ERROR.invalidMfaCode:
      return new SignInRejected('sign-in refused: the MFA code was not accepted');
    case SIGNIN_ERROR.invalidWorkflowStateHandle:
      return new AwsssoError('the sign-in expired before it finished (INVALID_WORKFLOW_STATE_HANDLE); run the command again');
  }
  // AUTHENTICATION_FAILED, SIGNIN_BAD_REQUEST_ERROR, INVALID_CSRF_TOKEN, INTERNAL_FAILURE, or no reason
  const reason = [errorCode, words].filter(Boolean).join(': ');
  return new HandOver('refused', `the sign-in refused step ${stepName(stepId)} (HTTP ${status}${reason ? `, ${reason}` : ', no reason given'})`);
}

/** A code the person may type again on the same step (on the rotated handle when the answer gives one). */
function mayRetry(error: StepRefused, questions: SignInQuestions): boolean {
  const code = error.error.errorCode;
  return code === SIGNIN_ERROR.emailOtpFailed || (code === SIGNIN_ERROR.invalidMfaCode && questions.codesFromPerson);
}

async function readStepAnswer(response: Response<string>, stepId: string): Promise<StepAnswer> {
  const { statusCode: status } = response;
  const waf = response.headers[WAF_ACTION_HEADER];
  if ((status === 202 || status === 405) && waf) {
    throw new HandOver('firewall', `the sign-in's firewall answered step ${stepName(stepId)} with a ${waf} (HTTP ${status}), which needs a browser`,
      waf === 'captcha');
  }
  const read = await readJsonAnswer(response);
  if ('page' in read) {
    if (status === 403) {
      throw new AwsssoError(`the sign-in's firewall blocked step ${stepName(stepId)} (HTTP 403, ${read.page}); try again later or from another network`);
    }
    throw new HandOver('unknown-step', `the sign-in answered step ${stepName(stepId)} with ${read.page} (HTTP ${status}) where awssso expected JSON`);
  }
  if (status >= 500 && !readSigninError(read.json).errorCode) {
    throw new AwsssoError(`the sign-in service answered step ${stepName(stepId)} with HTTP ${status}; try again later`);
  }
  if (status !== 200) throw new StepRefused(status, readSigninError(read.json), stepId);
  const answer = read.json as Partial<StepAnswer> | undefined;
  if (typeof answer?.stepId !== 'string' || typeof answer.workflowStateHandle !== 'string') {
    throw new HandOver('unknown-step', `the sign-in answered step ${stepName(stepId)} in a form awssso does not know`);
  }
  return answer as StepAnswer;
}

async function execute(wf: Workflow, request: StepRequest, workflowStateHandle: string): Promise<StepAnswer> {
  const requestId = randomUUID();
  const url = new URL('api/execute', wf.loginUrl);
  const response = await wf.http.post(url, {
    json: { stepId: request.stepId, workflowStateHandle, ...(request.actionId ? { actionId: request.actionId } : {}), inputs: request.inputs, requestId },
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      origin: wf.loginUrl.origin,
      referer: wf.loginUrl.toString(),
      'x-amzn-requestid': requestId,
    },
    responseType: 'text',
    throwHttpErrors: false,
    context: { operation: `sign-in step ${request.stepId || '(page load)'}` },
  });
  return readStepAnswer(response, request.stepId);
}

/** Runs the workflow from the page load to the success redirect; returns that redirect's URL. */
export async function runWorkflow(wf: Workflow): Promise<string> {
  try {
    return await drive(wf);
  } catch (error) {
    throw error instanceof StepRefused ? judge(error) : error;
  }
}

/** An answer the table may not take: a challenge, a form post, or a step it does not know. */
function checkAnswer(answer: StepAnswer): void {
  if (isCaptchaChallenge(answer.captchaResponse)) {
    throw new HandOver('captcha', 'the sign-in shows a captcha, which needs a person at a browser', true);
  }
  if (isFormPostRedirect(answer.redirect)) {
    throw new HandOver('unknown-step', 'the sign-in goes on with a form post, which only a browser makes');
  }
  if (steps[answer.stepId]) return;
  if (looksLikeMfa(answer.stepId, answer.workflowResponseData)) {
    throw new HandOver('mfa-type', `the sign-in asks for an MFA step \`${answer.stepId}\` awssso does not know`);
  }
  throw new HandOver('unknown-step', `the sign-in asked for step \`${answer.stepId}\`, which awssso does not know`);
}

async function drive(wf: Workflow): Promise<string> {
  const handle = wf.loginUrl.searchParams.get('workflowStateHandle') ?? '';
  let answer = await execute(wf, { stepId: '', inputs: [] }, handle);
  // a person who mistyped a code gets one more try; a code from the stored TOTP seed is not retried
  let codeRetries = 1;
  for (let round = 0; round < MAX_STEPS; round++) {
    checkAnswer(answer);
    const result = await steps[answer.stepId]!(answer, wf.questions, wf.flow);
    if ('redirectUrl' in result) return result.redirectUrl;
    try {
      answer = await execute(wf, result.request, answer.workflowStateHandle);
    } catch (error) {
      if (!(error instanceof StepRefused && codeRetries > 0 && mayRetry(error, wf.questions))) throw error;
      codeRetries--;
      // the same step again, on the rotated handle when the error answer carries one
      const rotated = error.error.workflowStateHandle;
      if (rotated) answer = { ...answer, workflowStateHandle: rotated };
    }
  }
  throw new HandOver('unknown-step', `the sign-in did not finish after ${MAX_STEPS} steps`);
}
