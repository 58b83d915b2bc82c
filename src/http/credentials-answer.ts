// What a portal answer must be before it is used, built-ins only: the got client (portal.ts) and
// the fast path's own request (role-credentials-fetch.ts) read GetRoleCredentials the same way.
import type { RoleCredentials } from '../types.js';
import { AwsssoError } from '../errors.js';
import { toEpochMs } from './epoch.js';

/** What the portal answered cannot be used: says which operation and what was wrong. */
export const badAnswer = (operation: string, what: string) => new AwsssoError(`${operation}: the portal's answer has ${what}`);

const describe = (value: unknown) => (value === undefined ? 'it is missing' : value === null ? 'it is null' : `it is a ${typeof value}`);

/** The credentials in a GetRoleCredentials answer, every field checked (docs/protocol.md §5). */
export function readRoleCredentials(body: unknown, now = Date.now()): RoleCredentials {
  const op = 'GetRoleCredentials';
  const creds = (body as { roleCredentials?: unknown } | null)?.roleCredentials;
  if (creds === null || typeof creds !== 'object') throw badAnswer(op, 'no roleCredentials');
  const fields = creds as Record<string, unknown>;
  const text = (name: 'accessKeyId' | 'secretAccessKey' | 'sessionToken'): string => {
    const value = fields[name];
    if (typeof value !== 'string' || !value) throw badAnswer(op, `no ${name}: ${value === '' ? 'it is empty' : describe(value)}`);
    // They go into INI files and shell lines: printable ASCII, no spaces, like every AWS key and token.
    if (!/^[\x21-\x7e]+$/.test(value)) throw badAnswer(op, `a ${name} with characters AWS credentials never have`);
    return value;
  };
  const raw = fields.expiration;
  const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) throw badAnswer(op, `no expiration: ${describe(raw)}`);
  const expiration = toEpochMs(number);
  if (expiration <= now) throw badAnswer(op, `credentials that already expired (${new Date(expiration).toISOString()})`);
  return { accessKeyId: text('accessKeyId'), secretAccessKey: text('secretAccessKey'), sessionToken: text('sessionToken'), expiration };
}

