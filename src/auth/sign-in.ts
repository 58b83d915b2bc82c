// The sign-in chain: the HTTP sign-in first; when it hands over (a step it does not know, a
// challenge), the browser. Either way the result is the same PortalSession.
import type { Got } from 'got';
import type { PortalSession } from '../types.js';
import type { SecretStore } from '../store/secrets.js';
import type { RunOptions } from './run-options.js';
import { secretName } from '../store/secrets.js';
import { HandOver, NeedsPerson } from '../errors.js';
import { totpCode } from './totp.js';
import { portalEndpoint } from '../http/endpoints.js';

export interface SignInTools {
  http: Got;
  secrets: SecretStore;
}

export async function signIn(run: RunOptions, tools: SignInTools): Promise<PortalSession> {
  if (run.browser.mode !== 'forced') {
    try {
      return await signInOverHttp(run, tools);
    } catch (err) {
      if (!(err instanceof HandOver)) throw err;
      if (run.browser.mode === 'never') throw new NeedsPerson(`${err.message}; ${run.whatToRun}`);
      run.warn(`${err.message}; continuing in Chrome`);
    }
  }
  return signInWithBrowser(run, tools);
}

async function signInOverHttp(run: RunOptions, { http, secrets }: SignInTools): Promise<PortalSession> {
  const { profile } = run;
  const { signInOverHttp: httpSignIn } = await import('../http/signin/index.js');
  const password = await storedOrAsked(run, secrets, 'password', 'Password');
  const seed = await secrets.get(secretName('totp-seed', profile.username, profile.url));
  run.progress.step('Signing in');
  const session = await httpSignIn({
    http,
    startUrl: profile.url,
    region: profile.region,
    portalEndpoint: portalEndpoint(profile.region, run.env),
    username: profile.username,
    password: async () => password.value,
    mfaCode: async (type) => {
      if (type === 'TOTP' && seed) return totpCode(seed);
      return run.progress.around(() => run.asker.secret(type === 'TOTP' ? 'MFA code' : 'Code sent by email'));
    },
    newPassword: run.asker.canAsk
      ? () => run.progress.around(() => run.asker.secret('New password (your administrator asks you to choose one)'))
      : undefined,
    log: (line) => run.warn(line),
  });
  await password.keep();
  return session;
}

async function signInWithBrowser(run: RunOptions, tools: SignInTools): Promise<PortalSession> {
  const { browserSignIn } = await import('../browser/index.js');
  return browserSignIn(run, tools);
}

/** A secret from the store, else from the person; one typed in is stored only once it worked. */
async function storedOrAsked(run: RunOptions, secrets: SecretStore, kind: 'password', question: string) {
  const name = secretName(kind, run.profile.username, run.profile.url);
  const stored = await secrets.get(name);
  if (stored) return { value: stored, keep: async () => {} };
  if (!run.asker.canAsk) throw new NeedsPerson(`no ${kind} is stored for ${run.profile.username}: ${run.whatToRun}`);
  const value = await run.progress.around(() => run.asker.secret(question));
  return { value, keep: () => secrets.set(name, value) };
}
