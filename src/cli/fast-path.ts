// Answers a warm `awssso login --json` / `-e` straight from the role-credential cache, loading
// only node built-ins (oclif alone costs ~70 ms). Anything it does not fully understand, a miss,
// a corrupted file or fewer than 15 minutes left returns false: the full command takes over.
// Its output is the full command's, byte for byte: both format with src/output.
import { writeSync } from 'node:fs';
import { readProfile } from '../store/config-read.js';
import { readRoleCache, isFresh } from '../store/role-cache.js';
import { formatProcessJson } from '../output/process-json.js';
import { formatEnv } from '../output/env.js';
import { parseFastRequest, type FastRequest } from './fast-flags.js';
import type { RoleCredentials } from '../types.js';

/** What the full command prints for `req`: both format with src/output. */
export function formatAnswer(req: FastRequest, credentials: RoleCredentials): string {
  return req.output === 'json' ? formatProcessJson(credentials) : formatEnv(credentials, req.format);
}

/** What the cache answers to `argv`, or undefined when the full command must run. Never throws. */
export function cachedAnswer(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const req = parseFastRequest(argv);
  if (!req || req.renew || req.forceRefresh) return undefined; // the full command ignores the cache then
  try {
    const profile = readProfile(req.profile, env);
    if (!profile.accountId || !profile.roleName) return undefined;
    const { credentials } = readRoleCache({ startUrl: profile.url, accountId: profile.accountId, roleName: profile.roleName }, env);
    if (!credentials || !isFresh(credentials)) return undefined;
    return formatAnswer(req, credentials);
  } catch {
    return undefined; // the full command explains what is wrong
  }
}

/** Prints the cached answer and says whether there was one. */
export function answerFromCache(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const text = cachedAnswer(argv, env);
  if (text === undefined) return false;
  // Not inside cachedAnswer's try: a failed write must not fall through to the full command,
  // which would print a second time.
  writeStdout(text);
  return true;
}

/**
 * Straight to fd 1: process.stdout first builds a stream (for a pipe, a net.Socket), which
 * costs ~2 ms of a run that node itself makes last ~80 ms.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch (err) {
    // A non-blocking stdout that is full: the stream waits for the reader.
    if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    process.stdout.write(bytes.subarray(done));
  }
}
