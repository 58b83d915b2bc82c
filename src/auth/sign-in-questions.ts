// The questions a sign-in asks, answered from the secret store or the person. What was given and
// asked last is kept for sign-in.ts, which alone decides whether a password is kept or forgotten.
import type { SignInQuestions } from '../signin/contract.js';
import type { SecretStore } from '../store/secret-store.js';
import type { RunOptions } from './run-options.js';
import { secretName } from '../store/secret-store.js';
import { NeedsPerson } from '../errors.js';
import { totpCode } from './totp.js';

export interface PasswordAnswers {
  /** the secret-store name of the user's password */
  name: string;
  /** the password came from the secret store */
  stored: boolean;
  /** typed by the person in this run (nothing was stored) */
  typed?: string;
  /** chosen at a change-password step in this run */
  chosen?: string;
  /** what the current method asked for last: a refusal right after the password is about the password */
  lastAsked?: 'password' | 'code' | 'new-password';
  /** the current method used the password (a sign-in-host session can make it skip it) */
  passwordUsed: boolean;
}

export interface AnsweredQuestions extends SignInQuestions {
  readonly answers: PasswordAnswers;
}

export async function signInQuestions(run: RunOptions, secrets: SecretStore): Promise<AnsweredQuestions> {
  const { username, url } = run.profile;
  const name = secretName('password', username, url);
  const [storedPassword, seed] = await Promise.all([secrets.get(name), secrets.get(secretName('totp-seed', username, url))]);
  const answers: PasswordAnswers = { name, stored: Boolean(storedPassword), passwordUsed: false };
  const ask = (question: string) => run.progress.around(() => run.asker.secret(question));
  return {
    username,
    codesFromPerson: !seed,
    answers,
    async password() {
      answers.lastAsked = 'password';
      answers.passwordUsed = true;
      if (storedPassword) return storedPassword;
      if (!run.asker.canAsk) throw new NeedsPerson(`no password is stored for ${username}: ${run.whatToRun}`);
      return (answers.typed ??= await ask('Password'));
    },
    mfaCode(type) {
      answers.lastAsked = 'code';
      if (type === 'TOTP' && seed) return totpCode(seed);
      return ask(type === 'TOTP' ? 'MFA code' : 'Code sent by email (empty: send a new one)');
    },
    ...(run.asker.canAsk
      ? {
          newPassword: async () => {
            answers.lastAsked = 'new-password';
            return (answers.chosen = await ask('New password (your administrator asks you to choose one)'));
          },
        }
      : {}),
    nextMethod() {
      answers.lastAsked = undefined;
      answers.passwordUsed = false;
    },
  };
}
