// The questions a sign-in asks, answered from the secret store, the person, or what configure was
// given. What was given and asked last is kept for sign-in.ts, which alone decides whether a
// password (or a TOTP seed given to configure) is kept or forgotten.
import type { SignInQuestions } from '../signin/contract.js';
import type { SecretStore } from '../store/secret-store.js';
import type { RunOptions } from './run-options.js';
import { secretName } from '../store/secret-store.js';
import { findPythonAwsssoSecret } from '../store/python-awssso-keyring.js';
import { NeedsPerson } from '../errors.js';
import { totpCode } from './totp.js';

export interface PasswordAnswers {
  /** the secret-store name of the user's password */
  name: string;
  /** the password came from the secret store */
  stored: boolean;
  /** typed by the person in this run, or given to configure (not stored yet) */
  typed?: string;
  /** chosen at a change-password step in this run */
  chosen?: string;
  /** a TOTP seed given to configure, stored once a sign-in with it worked */
  newSeed?: { name: string; value: string };
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
  const seedName = secretName('totp-seed', username, url);
  const candidate = run.candidateSecrets ?? {};
  const [ours, storedSeed] = await Promise.all([secrets.get(name), secrets.get(seedName)]);
  const storedPassword = candidate.password ? undefined
    : ours ?? (secrets.kind === 'keyring' ? await movePythonPassword(run, secrets, name) : undefined);
  const seed = candidate.totpSeed ?? storedSeed;
  const answers: PasswordAnswers = {
    name,
    stored: Boolean(storedPassword),
    passwordUsed: false,
    ...(candidate.password ? { typed: candidate.password } : {}),
    ...(candidate.totpSeed ? { newSeed: { name: seedName, value: candidate.totpSeed } } : {}),
  };
  const ask = (question: string) => run.progress.around(() => run.asker.secret(question));
  return {
    username,
    codesFromPerson: !seed,
    answers,
    async password() {
      answers.lastAsked = 'password';
      answers.passwordUsed = true;
      if (storedPassword) return storedPassword;
      if (answers.typed) return answers.typed;
      if (!run.asker.canAsk) throw new NeedsPerson(`no password is stored for ${username}: ${run.whatToRun}`);
      return (answers.typed = await ask('Password'));
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

/** The Python awssso's password for this user (its keyring service), moved under awssso's own name. */
async function movePythonPassword(run: RunOptions, secrets: SecretStore, passwordName: string): Promise<string | undefined> {
  const { username, url } = run.profile;
  const found = await findPythonAwsssoSecret('credentials', url, username);
  if (!found) return undefined;
  await secrets.set(passwordName, found.value);
  await found.forget();
  run.inform(`moved the password the Python awssso kept for ${username} in the keyring under awssso's own name`);
  return found.value;
}
