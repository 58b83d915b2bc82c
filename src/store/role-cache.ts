// Role credentials cached between runs, one 0600 file per (start URL, account, role), as the AWS
// CLI caches them: the credential_process fast path answers from here without loading anything
// heavy or touching the keyring. Only node built-ins.
import { readFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RoleCredentials } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';
import { roleCacheDir } from './paths.js';

/** Never hand out credentials with less left: botocore re-runs credential_process below 15 min. */
export const MIN_REMAINING_MS = 15 * 60_000;

export interface RoleCacheKey {
  startUrl: string;
  accountId: string;
  roleName: string;
}

/** What the cache holds: credentials, or nothing (with a warning to print when the file was bad). */
export interface RoleCacheRead {
  credentials?: RoleCredentials;
  warning?: string;
}

interface CacheFile extends RoleCacheKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601, for people reading the file */
  expiration: string;
}

/** `<account>-<role>-<tag of the start URL>.json`: readable, and unique per key. */
export function roleCachePath(key: RoleCacheKey, env?: NodeJS.ProcessEnv): string {
  const role = key.roleName.replace(/[^\w+=,.@-]/g, '_');
  return join(roleCacheDir(env), `${key.accountId}-${role}-${fnv1a(key.startUrl)}.json`);
}

/**
 * FNV-1a (32 bits) of the start URL. Not for security: a file also names the key it holds and is
 * checked against it. node:crypto would cost the fast path 4 to 8 ms just to load.
 */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** Enough time left to hand out (docs/protocol.md §8). */
export const isFresh = (credentials: RoleCredentials, now = Date.now()) => remainingMs(credentials, now) >= MIN_REMAINING_MS;

export function remainingMs(credentials: RoleCredentials, now = Date.now()): number {
  return credentials.expiration - now;
}

/** Why the parsed file cannot be used, or undefined when it can. */
function problemWith(file: Partial<CacheFile>, key: RoleCacheKey): string | undefined {
  for (const field of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'] as const) {
    if (typeof file[field] !== 'string' || !file[field]) return `no ${field}`;
  }
  if (!Number.isFinite(Date.parse(file.expiration!))) return 'expiration is not a date';
  if (file.startUrl !== key.startUrl || file.accountId !== key.accountId || file.roleName !== key.roleName) {
    return 'it belongs to another role';
  }
  return undefined;
}

/** Synchronous on purpose: the fast path calls it before anything else. Expired credentials are returned too. */
export function readRoleCache(key: RoleCacheKey, env?: NodeJS.ProcessEnv): RoleCacheRead {
  const path = roleCachePath(key, env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { warning: `ignoring the role credential cache ${path}: ${(err as Error).message}` };
  }
  let file: Partial<CacheFile>;
  try {
    file = JSON.parse(text) as Partial<CacheFile>;
    if (typeof file !== 'object' || file === null) throw new Error('not a JSON object');
  } catch {
    return { warning: `ignoring the role credential cache ${path}: it is not valid JSON` };
  }
  const problem = problemWith(file, key);
  if (problem) return { warning: `ignoring the role credential cache ${path}: ${problem}` };
  return {
    credentials: {
      accessKeyId: file.accessKeyId!,
      secretAccessKey: file.secretAccessKey!,
      sessionToken: file.sessionToken!,
      expiration: Date.parse(file.expiration!),
    },
  };
}

export async function writeRoleCache(key: RoleCacheKey, credentials: RoleCredentials, env?: NodeJS.ProcessEnv): Promise<void> {
  const file: CacheFile = {
    startUrl: key.startUrl,
    accountId: key.accountId,
    roleName: key.roleName,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: new Date(credentials.expiration).toISOString(),
  };
  await writeFileAtomic(roleCachePath(key, env), `${JSON.stringify(file, null, 2)}\n`, 0o600);
}

/** Removes the cached credentials; says whether there were any. */
export async function deleteRoleCache(key: RoleCacheKey, env?: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    await unlink(roleCachePath(key, env));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
