// The one got instance awssso talks through. Cross-cutting concerns are hooks: the host
// allow-list, HAR recording, redacted logging, a cap on answer sizes, and translating every failure
// into a one-line error. Every phase of a request has a timeout, so a server that stalls (silent,
// or dripping one byte a second) costs a bounded time.
import got, { type Got, type Hooks } from 'got';
import type { CookieJar } from 'tough-cookie';
import { toAwsssoError } from './aws-errors.js';
import { hostPolicyHooks } from './hooks/host-policy.js';
import type { HarRecorder } from './hooks/har-recorder.js';
import { requestLogHooks } from './hooks/request-log.js';
import { sizeLimitHandler } from './hooks/size-limit.js';
import { retryOptions, type RetryPolicy } from './retry.js';
import { userAgent } from './version.js';

export interface HttpOptions {
  cookieJar: CookieJar;
  /** exact origins besides the AWS host families, e.g. the emulator's http://127.0.0.1:PORT */
  extraAllowedOrigins?: string[];
  record?: HarRecorder;
  log?: (line: string) => void;
  retry?: RetryPolicy;
  /** epoch ms by which the whole run must be over: no retry waits past it */
  deadline?: number;
}

/** Milliseconds per phase; `request` bounds a whole exchange, however slowly the body drips. */
export const TIMEOUTS = {
  lookup: 5_000,
  connect: 5_000,
  secureConnect: 5_000,
  send: 10_000,
  /** to the first byte of the answer */
  response: 15_000,
  /** silence on the socket mid-answer */
  socket: 15_000,
  request: 30_000,
} as const;

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
    timeout: { ...TIMEOUTS },
    retry: retryOptions(opts.retry, opts.log, opts.deadline),
    handlers: [sizeLimitHandler()],
    hooks,
  });
}
