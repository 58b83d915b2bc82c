// Turns what got throws into the one-line errors of src/errors.ts, reading AWS error answers the
// way botocore and the JS SDK do (protocol.md sections 5 and 6): the type from the
// x-amzn-ErrorType header first, then the body.
import { RequestError } from 'got';
import { AwsssoError, SessionExpired } from '../errors.js';

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

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
]);

/** How many times the request went out: the first try plus got's retries. */
function tries(error: RequestError): number {
  return (error.request?.retryCount ?? 0) + 1;
}

/**
 * Maps any failure of `what` (e.g. "ListAccounts") to an AwsssoError with one line.
 * Errors that are already ours pass through.
 */
export function toAwsssoError(error: unknown, what: string): AwsssoError {
  if (error instanceof AwsssoError) return error;
  if (!(error instanceof RequestError)) {
    return new AwsssoError(`${what} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
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
      return new AwsssoError(`AWS throttled the request (${type ?? 'HTTP 429'}) after ${tries(error)} tries; try again in a minute`);
    }
    const detail = [type, info.message].filter(Boolean).join(': ');
    return new AwsssoError(`${what} failed: HTTP ${info.status} from ${host}${detail ? ` (${detail})` : ''}`);
  }
  if (NETWORK_CODES.has(error.code) || error.name === 'TimeoutError') {
    return new AwsssoError(`cannot reach ${host}: ${error.code}`);
  }
  return new AwsssoError(`${what} failed talking to ${host}: ${error.message.split('\n')[0]}`);
}
