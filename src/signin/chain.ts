// The sign-in chain: the HTTP method first; when it hands over (a step it does not know, a
// challenge), the browser method. Like a credential-provider chain, it goes on only on HandOver:
// any other error (a refusal the browser page showed, a dead network) stops it.
import { HandOver, RefusedByPage, type SignInRequest } from './contract.js';
import type { BrowserOptions } from './browser/browser-sign-in.js';
import { NeedsPerson, SignInRejected } from '../errors.js';

/**
 * auto: HTTP, then the browser on a hand-over; forced: the browser only; headless: like auto with no
 * person to show a window to, so a hand-over that needs one ends here; http-only: no browser.
 */
export type SignInMethods = 'auto' | 'forced' | 'headless' | 'http-only';

export interface SignInPlan {
  methods: SignInMethods;
  browser: BrowserOptions;
}

/** Signs in by the plan's methods; returns the portal token the one that succeeded was issued. */
export async function signIn(request: SignInRequest, plan: SignInPlan): Promise<string> {
  const { tools } = request;
  if (plan.methods !== 'forced') {
    try {
      const { signInOverHttp } = await import('./http/sign-in-over-http.js');
      tools.progress('Signing in');
      return await signInOverHttp(request);
    } catch (err) {
      if (!(err instanceof HandOver)) throw err;
      if (plan.methods === 'http-only' || (plan.methods === 'headless' && err.needsPerson)) {
        throw new NeedsPerson(`${err.message}; ${plan.browser.whatToRun}`);
      }
      tools.warn(`${err.message}; continuing in Chrome`);
      request.questions.nextMethod?.();
    }
  }
  const { browserSignIn } = await import('./browser/browser-sign-in.js');
  tools.progress('Signing in with Chrome');
  try {
    return await browserSignIn(request, plan.methods === 'headless' ? { ...plan.browser, headless: true } : plan.browser);
  } catch (err) {
    // a refusal in the browser is one its page showed: the verdict the caller may act on
    throw err instanceof SignInRejected && !(err instanceof RefusedByPage) ? new RefusedByPage(err.message) : err;
  }
}
