// The one got instance awssso talks through. Cross-cutting concerns are hooks: the host
// allow-list, HAR recording, redacted logging, and translating every failure into a one-line error.
import got, { type Got, type Hooks } from 'got';
import type { CookieJar } from 'tough-cookie';
import { toAwsssoError } from './aws-errors.js';
import { hostPolicyHooks } from './hooks/host-policy.js';
import type { HarRecorder } from './hooks/har-recorder.js';
import { requestLogHooks } from './hooks/request-log.js';
import { retryOptions, type RetryPolicy } from './retry.js';
import { userAgent } from './version.js';

export interface HttpOptions {
  cookieJar: CookieJar;
  /** exact origins besides the AWS host families, e.g. the emulator's http://127.0.0.1:PORT */
  extraAllowedOrigins?: string[];
  record?: HarRecorder;
  log?: (line: string) => void;
  retry?: RetryPolicy;
  /** milliseconds */
  timeout?: { connect?: number; response?: number };
}

export function createHttp(opts: HttpOptions): Got {
  const policy = hostPolicyHooks(opts.extraAllowedOrigins ?? []);
  const logHooks = opts.log ? requestLogHooks(opts.log) : undefined;
  const hooks: Partial<Hooks> = {
    beforeRequest: [policy.beforeRequest, ...(logHooks ? [logHooks.beforeRequest] : [])],
    beforeRedirect: [policy.beforeRedirect, ...(opts.record ? [opts.record.beforeRedirect] : [])],
    afterResponse: [...(opts.record ? [opts.record.afterResponse] : []), ...(logHooks ? [logHooks.afterResponse] : [])],
    // every failure leaves the client as one of our one-line errors (an error a hook threw as it was)
    beforeError: [toAwsssoError],
  };
  return got.extend({
    cookieJar: opts.cookieJar,
    headers: { 'user-agent': userAgent },
    timeout: { connect: opts.timeout?.connect ?? 10_000, response: opts.timeout?.response ?? 30_000 },
    retry: retryOptions(opts.retry, opts.log),
    hooks,
  });
}
