// A profile's sign-in: the chain's questions answered from the secret store or the person, and the
// chain run with the methods this run allows. The one place that decides about the stored password:
// it is kept only once it has worked, and forgotten only once a sign-in page showed its refusal
// (an HTTP refusal is ambiguous, docs/protocol.md §2 and §9).
import type { Got } from 'got';
import type { CookieJar } from 'tough-cookie';
import type { HarRecorder } from '../http/hooks/har-recorder.js';
import type { SecretStore } from '../store/secret-store.js';
import type { RunOptions } from './run-options.js';
import { signIn } from '../signin/chain.js';
import { RefusedByPage } from '../signin/contract.js';
import { configuredOrigins, portalEndpoint } from '../http/endpoints.js';
import { signInQuestions, type PasswordAnswers } from './sign-in-questions.js';

export interface SignInWith {
  http: Got;
  jar: CookieJar;
  secrets: SecretStore;
  recorder?: HarRecorder;
}

/** Signs in as the run's profile; returns the portal token. */
export async function signInAs(run: RunOptions, { http, jar, secrets, recorder }: SignInWith): Promise<string> {
  const { profile, env } = run;
  const questions = await signInQuestions(run, secrets);
  let token: string;
  try {
    token = await signIn({
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
      methods: run.browser.mode,
      browser: { headless: run.browser.headless, whatToRun: run.whatToRun, env },
    });
  } catch (error) {
    throw await forgetRefused(error, questions.answers, secrets, run.whatToRun);
  }
  // after a change-password step the new password is the one that works from now on; a typed one
  // (or one given to configure) counts only if the method that signed in used it
  const { chosen, typed, passwordUsed, newSeed } = questions.answers;
  const worked = chosen ?? (passwordUsed ? typed : undefined);
  if (worked) await secrets.set(questions.answers.name, worked);
  else if (typed) run.warn('the sign-in did not ask for the password (a session of the sign-in page was still open), so it is not stored unchecked; run the command again with -f');
  if (newSeed) await secrets.set(newSeed.name, newSeed.value);
  return token;
}

/** A stored password the page refused right after it was typed is forgotten, so the next run asks instead of trying it again. */
async function forgetRefused(error: unknown, answers: PasswordAnswers, secrets: SecretStore, whatToRun: string): Promise<unknown> {
  if (!(error instanceof RefusedByPage && answers.stored && answers.lastAsked === 'password')) return error;
  await secrets.delete(answers.name);
  return new RefusedByPage(`${error.message} (awssso forgot the stored password: ${whatToRun})`);
}
