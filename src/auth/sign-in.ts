// The sign-in chain: the HTTP sign-in first; when it hands over (a step it does not know, a
// challenge), the browser. Both ask the same questions through SignInAnswers and end with the
// same PortalSession.
import type { Got } from 'got';
import type { CookieJar } from 'tough-cookie';
import type { PortalSession } from '../types.js';
import type { SecretStore } from '../store/secrets.js';
import type { HarRecorder } from '../http/hooks/har-recorder.js';
import type { RunOptions } from './run-options.js';
import { secretName } from '../store/secrets.js';
import { HandOver, NeedsPerson } from '../errors.js';
import { totpCode } from './totp.js';
import { portalEndpoint } from '../http/endpoints.js';

export interface SignInTools {
  http: Got;
  jar: CookieJar;
  secrets: SecretStore;
  recorder?: HarRecorder;
}

/** What a sign-in needs from the person or the secret store, whichever path asks. */
export interface SignInAnswers {
  username: string;
  password(): Promise<string>;
  /** A code for the MFA type: from the stored TOTP seed when there is one, else asked. */
  mfaCode(type: 'TOTP' | 'EMAIL_OTP'): Promise<string>;
  readonly hasSeed: boolean;
  newPassword?(): Promise<string>;
  /** Stores a password the person typed (or chose at a change-password step), once it has worked. */
  keep(): Promise<void>;
}

export async function signIn(run: RunOptions, tools: SignInTools): Promise<PortalSession> {
  const answers = await signInAnswers(run, tools.secrets);
  let session: PortalSession | undefined;
  if (run.browser.mode !== 'forced') {
    try {
      const { signInOverHttp } = await import('../http/signin/index.js');
      run.progress.step('Signing in');
      session = await signInOverHttp({
        http: tools.http,
        startUrl: run.profile.url,
        region: run.profile.region,
        portalEndpoint: portalEndpoint(run.profile.region, run.env),
        username: answers.username,
        password: answers.password,
        mfaCode: answers.mfaCode,
        newPassword: answers.newPassword,
        mfaCodeFromPerson: !answers.hasSeed,
        log: (line) => run.progress.step(line),
      });
    } catch (err) {
      if (!(err instanceof HandOver)) throw err;
      if (run.browser.mode === 'never') throw new NeedsPerson(`${err.message}; ${run.whatToRun}`);
      run.warn(`${err.message}; continuing in Chrome`);
    }
  }
  if (!session) {
    const { browserSignIn } = await import('../browser/index.js');
    run.progress.step('Signing in with Chrome');
    session = await browserSignIn(run, tools, answers);
  }
  await answers.keep();
  return session;
}

async function signInAnswers(run: RunOptions, secrets: SecretStore): Promise<SignInAnswers> {
  const { username, url } = run.profile;
  const passwordName = secretName('password', username, url);
  const [storedPassword, seed] = await Promise.all([
    secrets.get(passwordName),
    secrets.get(secretName('totp-seed', username, url)),
  ]);
  let typed: string | undefined;
  let chosen: string | undefined;
  const ask = (question: string) => run.progress.around(() => run.asker.secret(question));
  return {
    username,
    hasSeed: Boolean(seed),
    async password() {
      if (storedPassword) return storedPassword;
      if (!run.asker.canAsk) throw new NeedsPerson(`no password is stored for ${username}: ${run.whatToRun}`);
      return (typed ??= await ask('Password'));
    },
    mfaCode: (type) => (type === 'TOTP' && seed ? totpCode(seed) : ask(type === 'TOTP' ? 'MFA code' : 'Code sent by email')),
    newPassword: run.asker.canAsk
      ? async () => (chosen = await ask('New password (your administrator asks you to choose one)'))
      : undefined,
    keep: async () => {
      // After a change-password step the new password is the one that works from now on.
      const worked = chosen ?? typed;
      if (worked) await secrets.set(passwordName, worked);
    },
  };
}
