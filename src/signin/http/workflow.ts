// Drives the sign-in API (POST .../api/execute) through the step table: every answer carries
// the next stepId and a new workflowStateHandle; errors become SignInRejected or HandOver.
import { randomUUID } from 'node:crypto';
import type { Got, Response } from 'got';
import { AwsssoError, SignInRejected } from '../../errors.js';
import { HandOver } from '../contract.js';
import { readSigninError, SIGNIN_ERROR } from '../../http/wire-shapes.js';
import type { SignInQuestions } from '../contract.js';
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

function readAnswer(body: unknown, stepId: string): StepAnswer {
  const answer = body as Partial<StepAnswer> | undefined;
  if (typeof answer?.stepId !== 'string' || typeof answer.workflowStateHandle !== 'string') {
    throw new HandOver('unknown-step', `the sign-in answered step \`${stepId}\` in a form awssso does not know`);
  }
  return answer as StepAnswer;
}

/** A step the service answered with 400/401/403, before it is judged. */
class StepRefused extends Error {
  constructor(readonly status: number, readonly errorCode: string | undefined, readonly reason: string | undefined, readonly stepId: string) {
    super(`step ${stepId} refused`);
  }
}

/** What a refused step means: the person's fault (stop), a stale workflow, or a changed flow (browser). */
function judge({ status, errorCode, reason: message, stepId }: StepRefused): AwsssoError {
  switch (errorCode) {
    case SIGNIN_ERROR.authenticationFailed:
    case SIGNIN_ERROR.userLocked:
    case SIGNIN_ERROR.passwordPolicy:
      return new SignInRejected(`sign-in refused: ${message ?? errorCode}`);
    case SIGNIN_ERROR.invalidMfaCode:
      return new SignInRejected('sign-in refused: the MFA code was not accepted');
    case SIGNIN_ERROR.invalidWorkflowStateHandle:
      return new AwsssoError('the sign-in expired before it finished (INVALID_WORKFLOW_STATE_HANDLE); run the command again');
  }
  const reason = [errorCode, message].filter(Boolean).join(': ');
  return new HandOver('refused', `the sign-in refused step \`${stepId}\` (HTTP ${status}${reason ? `, ${reason}` : ', no reason given'})`);
}

async function execute(wf: Workflow, request: StepRequest, workflowStateHandle: string): Promise<StepAnswer> {
  const requestId = randomUUID();
  const url = new URL('api/execute', wf.loginUrl);
  const response: Response = await wf.http.post(url, {
      json: { stepId: request.stepId, workflowStateHandle, ...(request.actionId ? { actionId: request.actionId } : {}), inputs: request.inputs, requestId },
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        origin: wf.loginUrl.origin,
        referer: wf.loginUrl.toString(),
        'x-amzn-requestid': requestId,
      },
      responseType: 'json',
      throwHttpErrors: false,
      context: { operation: `sign-in step ${request.stepId || '(page load)'}` },
    });
  if (response.statusCode === 400 || response.statusCode === 401 || response.statusCode === 403) {
    const { errorCode, message } = readSigninError(response.body);
    throw new StepRefused(response.statusCode, errorCode, message, request.stepId);
  }
  if (response.statusCode !== 200) {
    throw new AwsssoError(`the sign-in service answered step \`${request.stepId}\` with HTTP ${response.statusCode}; try again later`);
  }
  return readAnswer(response.body, request.stepId);
}

/** Runs the workflow from the page load to the success redirect; returns that redirect's URL. */
export async function runWorkflow(wf: Workflow): Promise<string> {
  try {
    return await drive(wf);
  } catch (error) {
    throw error instanceof StepRefused ? judge(error) : error;
  }
}

async function drive(wf: Workflow): Promise<string> {
  const handle = wf.loginUrl.searchParams.get('workflowStateHandle') ?? '';
  let answer = await execute(wf, { stepId: '', inputs: [] }, handle);
  // a person who mistyped a code gets one more try; a code from the stored TOTP seed is not retried
  let mfaRetries = wf.questions.codesFromPerson ? 1 : 0;
  for (let round = 0; round < MAX_STEPS; round++) {
    if (answer.captchaResponse !== undefined && answer.captchaResponse !== null) {
      throw new HandOver('captcha', 'the sign-in shows a captcha, which needs a person at a browser');
    }
    const handler = steps[answer.stepId];
    if (!handler) {
      throw new HandOver('unknown-step', `the sign-in asked for step \`${answer.stepId}\`, which awssso does not know`);
    }
    const result = await handler(answer, wf.questions, wf.flow);
    if ('redirectUrl' in result) return result.redirectUrl;
    try {
      answer = await execute(wf, result.request, answer.workflowStateHandle);
    } catch (error) {
      // a wrong code leaves the handle usable: run the same MFA step again for a new code
      if (mfaRetries > 0 && error instanceof StepRefused && error.errorCode === SIGNIN_ERROR.invalidMfaCode) {
        mfaRetries--;
        continue;
      }
      throw error;
    }
  }
  throw new HandOver('unknown-step', `the sign-in did not finish after ${MAX_STEPS} steps`);
}
