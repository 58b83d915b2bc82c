// The sign-in step table (docs/protocol.md §2 and §3), keyed by the stepId the service asks
// for next. Each entry turns that answer into the next request, or ends the workflow with the
// success redirect. A stepId missing here means the flow changed: the caller hands over.
import { SignInRejected } from '../../errors.js';
import { HandOver } from '../contract.js';
import {
  EMAIL_OTP_RESEND_ACTION, EMAIL_OTP_STEP_ID, emailOtpInput, MFA_STEP_ID, mfaInput, readMfaChallenge, userPreferencesInput,
} from '../../http/wire-shapes.js';
import type { SignInQuestions } from '../contract.js';
import { encryptPassword, readEncryptionContext, type EncryptionContext } from './jwe.js';

export interface StepAnswer {
  stepId: string;
  workflowStateHandle: string;
  workflowResponseData?: Record<string, unknown>;
  redirect?: { url: string; method?: string; postParams?: unknown };
  captchaResponse?: unknown;
}

export type StepInput = Record<string, unknown> & { input_type: string };

export interface StepRequest {
  stepId: string;
  /** absent on page-load steps; RETRY asks the e-mail step for a new code */
  actionId?: 'SUBMIT' | typeof EMAIL_OTP_RESEND_ACTION;
  inputs: StepInput[];
}

/** What the steps remember between them, besides the questions they ask. */
export interface FlowState {
  region: string;
  rememberDevice: boolean;
  /** the password key from the get-password answer, reused by change-password */
  encryption?: EncryptionContext;
}

export type StepResult = { request: StepRequest } | { redirectUrl: string };

type StepHandler = (answer: StepAnswer, questions: SignInQuestions, flow: FlowState) => Promise<StepResult>;

const userInput = (questions: SignInQuestions): StepInput => ({ input_type: 'UserRequestInput', username: questions.username });

function encryptionFor(answer: StepAnswer, flow: FlowState): EncryptionContext {
  flow.encryption = readEncryptionContext(answer.workflowResponseData) ?? flow.encryption;
  if (!flow.encryption) {
    throw new HandOver('unknown-step', `the sign-in step \`${answer.stepId}\` came without the key awssso encrypts the password to`);
  }
  return flow.encryption;
}

const submit = (stepId: string, inputs: StepInput[]): StepResult => ({ request: { stepId, actionId: 'SUBMIT', inputs } });

export const steps: Record<string, StepHandler> = {
  // the second page-load step: no actionId, no inputs
  start: async () => ({ request: { stepId: 'start', inputs: [] } }),

  'get-identity-user': async (answer, questions) => submit(answer.stepId, [
    userInput(questions),
    { input_type: 'ApplicationTypeRequestInput', applicationType: 'SSO' },
  ]),

  'get-password': async (answer, questions, flow) => {
    const key = encryptionFor(answer, flow);
    const password = await encryptPassword(await questions.password(), key, flow.region);
    return submit(answer.stepId, [
      { input_type: 'PasswordRequestInput', password, successfullyEncrypted: 'SUCCESSFUL' },
      userPreferencesInput(),
      userInput(questions),
    ]);
  },

  // docs/protocol.md §3 [code x2]: the service has mailed the code already; an empty answer asks for a new mail
  [EMAIL_OTP_STEP_ID]: async (answer, questions, flow) => {
    const code = (await questions.mfaCode('EMAIL_OTP')).trim();
    if (!code) return { request: { stepId: answer.stepId, actionId: EMAIL_OTP_RESEND_ACTION, inputs: [] } };
    return submit(answer.stepId, [emailOtpInput(code), userPreferencesInput(flow.rememberDevice), userInput(questions)]);
  },

  // docs/protocol.md §3 [inferred]: the project's guess, answered in case the service ever asks it
  [MFA_STEP_ID]: async (answer, questions, flow) => {
    const challenge = readMfaChallenge(answer.workflowResponseData);
    const type = challenge?.mfaType;
    if (type !== 'TOTP' && type !== 'EMAIL_OTP') {
      throw new HandOver('mfa-type', `the sign-in asks for ${type ? `a ${type}` : 'an unreadable'} MFA, which awssso cannot answer without a browser`,
        type === 'WEBAUTHN');
    }
    const code = await questions.mfaCode(type);
    return submit(answer.stepId, [
      mfaInput(type, code, flow.rememberDevice && challenge!.rememberDeviceAllowed),
      userInput(questions),
    ]);
  },

  'get-new-password-for-change-password': async (answer, questions, flow) => {
    if (!questions.newPassword) {
      throw new SignInRejected('this user must choose a new password: run `awssso login` in a terminal');
    }
    const key = encryptionFor(answer, flow);
    const newPassword = await encryptPassword(await questions.newPassword(), key, flow.region);
    return submit(answer.stepId, [
      { input_type: 'UpdatePasswordRequestInput', newPassword, successfullyEncrypted: 'SUCCESSFUL' },
      userInput(questions),
    ]);
  },

  'end-of-workflow-success': async (answer) => {
    if (!answer.redirect?.url) {
      throw new HandOver('unknown-step', 'the sign-in ended without the redirect that carries its result');
    }
    return { redirectUrl: answer.redirect.url };
  },
};
