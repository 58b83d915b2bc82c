// Turns what got throws into the one-line errors of src/errors.ts, once, in the client's
// beforeError hook (client.ts), reading AWS error answers the way botocore and the JS SDK do
// (docs/protocol.md §5 and §6): the type from the x-amzn-ErrorType header first, then the body.
// A request names its operation in got's `context` ({ operation: 'ListAccounts' }) for the message.
import type { RequestError } from 'got';
import { AwsssoError, SessionExpired, Throttled, Unreachable } from '../errors.js';

export interface AwsErrorInfo {
  status: number;
  /** e.g. UnauthorizedException, AuthorizationPendingException; undefined when unreadable */
  type?: string;
  /** OIDC's snake_case `error` field, e.g. authorization_pending */
  error?: string;
  message?: string;
}

function parseBody(body: unknown): Record<string, unknown> {
  if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return body as Record<string, unknown>;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().split('\n')[0] : undefined;

export function decodeAwsError(response: { statusCode: number; headers: Record<string, unknown>; body?: unknown; rawBody?: Buffer }): AwsErrorInfo {
  const body = parseBody(response.rawBody ?? response.body);
  const header = text(response.headers['x-amzn-errortype']);
  // "AuthorizationPendingException:http://internal.amazon.com/coral/..." and "aws.protocol#Type"
  const fromBody = text(body.__type) ?? text(body.code);
  const type = (header ?? fromBody)?.split(':')[0]?.split('#').pop();
  const error = text(body.error);
  const message = text(body.message) ?? text(body.Message) ?? text(body.error_description);
  return { status: response.statusCode, ...(type ? { type } : {}), ...(error ? { error } : {}), ...(message ? { message } : {}) };
}

/** An AWS service refused the request; `aws` says how, for callers that act on the error type. */
export class AwsServiceError extends AwsssoError {
  constructor(message: string, readonly aws: AwsErrorInfo) {
    super(message);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
]);

/** How many times the request went out: the first try plus got's retries. */
function tries(error: RequestError): number {
  return (error.request?.retryCount ?? 0) + 1;
}

/** What a request was for, as its caller named it, else its method and path. */
function operationOf(error: RequestError): string {
  const named = error.options?.context?.operation;
  if (typeof named === 'string') return named;
  const url = error.options?.url as URL | undefined;
  return url ? `${error.options.method} ${url.pathname}` : 'the request';
}

/** Maps a failed request to an AwsssoError with one line; an error a hook threw that is ours already passes through. */
export function toAwsssoError(error: RequestError): AwsssoError {
  if (error.cause instanceof AwsssoError) return error.cause;
  const what = operationOf(error);
  const host = (error.options?.url as URL | undefined)?.host ?? 'the server';
  if (error.name === 'ParseError' && error.response) {
    const type = String(error.response.headers['content-type'] ?? 'an unnamed type').split(';')[0];
    return new AwsssoError(`${what}: ${host} answered with ${type}, not JSON`);
  }
  if (error.response) {
    const info = decodeAwsError(error.response);
    const type = info.type ?? info.error;
    if (info.status === 401 && (type === undefined || type === 'UnauthorizedException')) {
      return new SessionExpired('the portal session has expired or was revoked; run `awssso login` to sign in again');
    }
    if (info.status === 429) {
      return new Throttled(`AWS throttled the request (${type ?? 'HTTP 429'}) after ${tries(error)} tries; try again in a minute`);
    }
    const detail = [type, info.message].filter(Boolean).join(': ');
    return new AwsServiceError(`${what} failed: HTTP ${info.status} from ${host}${detail ? ` (${detail})` : ''}`, info);
  }
  if (NETWORK_CODES.has(error.code) || error.name === 'TimeoutError') {
    return new Unreachable(`cannot reach ${host}: ${error.code}`);
  }
  return new AwsssoError(`${what} failed talking to ${host}: ${error.message.split('\n')[0]}`);
}
