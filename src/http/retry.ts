// Retry policy for every request: limited tries, exponential backoff with full jitter
// (a random delay up to base * 2^attempt, capped), and the server's Retry-After when it sends one.
import type { RetryOptions, RetryFunction } from 'got';
import { AwsssoError } from '../errors.js';
import { decodeAwsError } from './aws-errors.js';

export interface RetryPolicy {
  /** retries after the first try */
  limit?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** a longer Retry-After is not waited for: the request fails at once */
  maxRetryAfterMs?: number;
}

const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];

function fullJitterDelay(attempt: number, baseMs: number, capMs: number): number {
  // never 0: got reads 0 as "do not retry"
  return Math.max(1, Math.round(Math.random() * Math.min(capMs, baseMs * 2 ** (attempt - 1))));
}

/** A wait the run's deadline leaves no time for: say so now rather than sleep into the deadline. */
function beyondDeadline(error: Parameters<RetryFunction>[0]['error'], waitMs: number): AwsssoError {
  const seconds = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`;
  const response = error.response;
  const who = response?.statusCode === 429
    ? `AWS throttled the request (${decodeAwsError(response).type ?? 'HTTP 429'})`
    : `${(error.options.url as URL | undefined)?.host ?? 'the server'} answered ${response ? `HTTP ${response.statusCode}` : error.code}`;
  return new AwsssoError(`${who} and asks to wait ${seconds(waitMs)}, longer than this call has left (AWSSSO_DEADLINE); try again in a minute`);
}

export function retryOptions(policy: RetryPolicy = {}, log?: (line: string) => void, deadline?: number): Partial<RetryOptions> {
  const baseMs = policy.baseDelayMs ?? 500;
  const capMs = policy.maxDelayMs ?? 10_000;
  const calculateDelay: RetryFunction = ({ attemptCount, error, retryAfter, computedValue }) => {
    // got's own rules (limit, method, status, error code, Retry-After over the maximum) say 0
    if (computedValue === 0) return 0;
    const delay = retryAfter ?? fullJitterDelay(attemptCount, baseMs, capMs);
    const leftMs = deadline === undefined ? Infinity : deadline - Date.now();
    if (retryAfter !== undefined && delay >= leftMs) throw beyondDeadline(error, delay);
    if (delay >= leftMs) return 0; // our own backoff: the error as it is says more
    const limit = error.options.retry.limit;
    const why = error.response ? `HTTP ${error.response.statusCode}` : error.code;
    const host = (error.options.url as URL | undefined)?.host ?? 'the server';
    log?.(`${why} from ${host}; retry ${attemptCount} of ${limit} in ${delay} ms${retryAfter === undefined ? '' : ' (Retry-After)'}`);
    return delay;
  };
  return {
    limit: policy.limit ?? 3,
    // GET/PUT/DELETE and friends only: sign-in steps and token POSTs are not idempotent
    statusCodes: RETRY_STATUS_CODES,
    maxRetryAfter: policy.maxRetryAfterMs ?? 30_000,
    calculateDelay,
  };
}
