// The questions a sign-in asks, answered from the secret store or the person, and the one rule for
// keeping a secret: only once it has worked (a password typed, given to configure or chosen at a
// change-password step; a TOTP seed given to configure).
import type { SignInQuestions } from '../signin/contract.js';
import type { SecretStore } from '../store/secret-store.js';
import type { RunOptions } from './run-options.js';
import { secretName } from '../store/secret-store.js';
import { NeedsPerson } from '../errors.js';
import { totpCode } from './totp.js';
import { findPythonAwsssoSecret } from '../store/python-awssso-keyring.js';

export interface AnsweredQuestions extends SignInQuestions {
  /** Stores the password that worked, if the person gave one in this run. Call after the sign-in. */
  keepWhatWorked(): Promise<void>;
}

export async function signInQuestions(run: RunOptions, secrets: SecretStore): Promise<AnsweredQuestions> {
  const { username, url } = run.profile;
  const passwordName = secretName('password', username, url);
  const seedName = secretName('totp-seed', username, url);
  const candidate = run.candidateSecrets ?? {};
  const [ours, storedSeed] = await Promise.all([secrets.get(passwordName), secrets.get(seedName)]);
  const storedPassword = ours ?? (secrets.kind === 'keyring' ? await movePythonPassword(run, secrets, passwordName) : undefined);
  const seed = candidate.totpSeed ?? storedSeed;
  let typed: string | undefined;
  let chosen: string | undefined;
  const ask = (question: string) => run.progress.around(() => run.asker.secret(question));
  return {
    username,
    codesFromPerson: !seed,
    async password() {
      if (candidate.password) return candidate.password;
      if (storedPassword) return storedPassword;
      if (!run.asker.canAsk) throw new NeedsPerson(`no password is stored for ${username}: ${run.whatToRun}`);
      return (typed ??= await ask('Password'));
    },
    mfaCode: (type) => (type === 'TOTP' && seed ? totpCode(seed) : ask(type === 'TOTP' ? 'MFA code' : 'Code sent by email')),
    ...(run.asker.canAsk
      ? { newPassword: async () => (chosen = await ask('New password (your administrator asks you to choose one)')) }
      : {}),
    async keepWhatWorked() {
      // After a change-password step the new password is the one that works from now on.
      const worked = chosen ?? typed ?? candidate.password;
      if (worked) await secrets.set(passwordName, worked);
      if (candidate.totpSeed) await secrets.set(seedName, candidate.totpSeed);
    },
  };
}

/** The Python awssso's password, when it left one in the keyring, kept under our name from now on. */
async function movePythonPassword(run: RunOptions, secrets: SecretStore, passwordName: string): Promise<string | undefined> {
  const { username, url } = run.profile;
  const found = await findPythonAwsssoSecret('credentials', url, username);
  if (!found) return undefined;
  await secrets.set(passwordName, found.value);
  await found.forget();
  run.inform(`moved the password the Python awssso kept for ${username} in the keyring under awssso's own name`);
  return found.value;
}
