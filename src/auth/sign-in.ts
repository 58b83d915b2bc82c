// A profile's sign-in: the chain's questions answered from the secret store or the person, the
// chain run with the methods this run allows, and the password kept once it has worked.
import type { Got } from 'got';
import type { CookieJar } from 'tough-cookie';
import type { PortalSession } from '../types.js';
import type { HarRecorder } from '../http/hooks/har-recorder.js';
import type { SecretStore } from '../store/secret-store.js';
import type { RunOptions } from './run-options.js';
import { signIn } from '../signin/chain.js';
import { configuredOrigins, portalEndpoint } from '../http/endpoints.js';
import { signInQuestions } from './sign-in-questions.js';

export interface SignInWith {
  http: Got;
  jar: CookieJar;
  secrets: SecretStore;
  recorder?: HarRecorder;
}

export async function signInAs(run: RunOptions, { http, jar, secrets, recorder }: SignInWith): Promise<PortalSession> {
  const { profile, env } = run;
  const questions = await signInQuestions(run, secrets);
  const session = await signIn({
    target: {
      startUrl: profile.url,
      region: profile.region,
      portalEndpoint: portalEndpoint(profile.region, env),
      configuredOrigins: configuredOrigins(profile.url, env),
    },
    questions,
    tools: {
      http,
      jar,
      ...(recorder ? { recorder } : {}),
      progress: (line) => run.progress.step(line),
      warn: run.warn,
    },
  }, {
    methods: run.browser.mode === 'never' ? 'http-only' : run.browser.mode,
    browser: { headless: run.browser.headless, whatToRun: run.whatToRun, env },
  });
  await questions.keepWhatWorked();
  return session;
}
