// A cross-process lock per name: a file under ~/.awssso/locks/ that appears atomically (hard link
// of a complete temp file, so nobody ever reads a half-written holder) and names its holder.
// A holder that died (same host, pid gone), or whose heartbeat stopped, is taken over; the takeover
// renames the stale file away and checks that what it moved is the very file it judged stale, so
// two takers cannot both win. Not re-entrant: the same name twice in one process waits.
// Only node built-ins.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsssoError } from '../errors.js';
import { lockDir } from './paths.js';

export interface LockOptions {
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** Told once, when the lock is busy and we start waiting. */
  onWait?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

interface Holder {
  pid: number;
  host: string;
  started: number;
  token: string;
}

interface Seen {
  raw: string;
  holder?: Holder;
  ino: number;
  mtimeMs: number;
}

const HEARTBEAT_MS = 10_000;
/** A lock not touched for this long lost its holder (another host, a reused pid, a stopped process). */
const STALE_MS = 120_000;
/** Locks this process holds, by path: released on exit, and never mistaken for a dead holder's. */
const held = new Map<string, { token: string; release: () => void }>();
let exitHookInstalled = false;

/** The lock file for `name`: readable for ordinary names, a hash for long ones. */
export function lockFilePath(name: string, env?: NodeJS.ProcessEnv): string {
  let safe = name.replace(/[^A-Za-z0-9._-]/g, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  if (safe.length > 100) safe = createHash('sha1').update(name).digest('hex');
  return join(lockDir(env), `${safe}.lock`);
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/**
 * Create the lock file if nobody holds it; returns its fd (kept open for the heartbeat). Not synced
 * to disk: a lock means nothing after the machine stops, and one a crash left empty is stale by its
 * age (STALE_MS), which a restart has passed.
 */
function tryCreate(path: string, content: string): number | undefined {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, content);
    fs.linkSync(temp, path);
    return fd;
  } catch (err) {
    fs.closeSync(fd);
    if (errno(err) === 'EEXIST') return undefined;
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** What the lock file says now; undefined when it has just gone. */
function inspect(path: string): Seen | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (err) {
    if (errno(err) === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const { ino, mtimeMs } = fs.fstatSync(fd);
    const raw = fs.readFileSync(fd, 'utf8');
    let holder: Holder | undefined;
    try {
      const parsed = JSON.parse(raw) as Holder;
      if (Number.isInteger(parsed.pid) && typeof parsed.host === 'string' && typeof parsed.token === 'string') holder = parsed;
    } catch {
      // not ours or damaged: only its age can tell
    }
    return { raw, holder, ino, mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

function isStale(path: string, { holder, mtimeMs }: Seen): boolean {
  if (holder && holder.host === hostname()) {
    // Our own pid on a lock we do not hold: a previous process with the same pid (containers).
    if (holder.pid === process.pid) return held.get(path)?.token !== holder.token;
    try {
      process.kill(holder.pid, 0);
    } catch (err) {
      if (errno(err) === 'ESRCH') return true;
    }
  }
  return Date.now() - mtimeMs > STALE_MS;
}

/** Remove a stale lock, but only the very file judged stale: another taker may have replaced it. */
function takeOver(path: string, stale: Seen): void {
  const grave = `${path}.stale.${randomBytes(6).toString('hex')}`;
  try {
    fs.renameSync(path, grave);
  } catch (err) {
    if (errno(err) === 'ENOENT') return;
    throw err;
  }
  const moved = fs.readFileSync(grave, 'utf8');
  if (moved !== stale.raw || fs.statSync(grave).ino !== stale.ino) {
    // We moved a fresh lock another taker had just created: put it back where its holder expects it.
    try {
      fs.linkSync(grave, path);
    } catch {
      // a third process created one in between; nothing more can be done safely
    }
  }
  fs.rmSync(grave, { force: true });
}

function describe(holder: Holder | undefined): string {
  if (!holder) return '';
  return holder.host === hostname() ? ` (pid ${holder.pid})` : ` (pid ${holder.pid} on ${holder.host})`;
}

/** Who holds the lock and since when, if the file says so believably (not 0, not in the future). */
function heldFor(holder: Holder | undefined, name: string): string {
  const started = holder?.started;
  if (typeof started !== 'number' || !(started > 0) || started > Date.now()) {
    return `another awssso process${describe(holder)} holds the lock for ${name}`;
  }
  return `another awssso process has held the lock for ${name} for ${Math.round((Date.now() - started) / 1000)} s${describe(holder)}`;
}

async function acquire(path: string, name: string, opts: LockOptions): Promise<() => void> {
  const { timeoutMs = 60_000 } = opts;
  fs.mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const waitStart = Date.now();
  let announced = false;
  for (;;) {
    const me: Holder = { pid: process.pid, host: hostname(), started: Date.now(), token: randomBytes(8).toString('hex') };
    const content = JSON.stringify(me);
    const fd = tryCreate(path, content);
    if (fd !== undefined) return holdLock(path, fd, me.token, content);
    const seen = inspect(path);
    if (!seen) continue;
    if (isStale(path, seen)) {
      takeOver(path, seen);
      continue;
    }
    if (Date.now() - waitStart >= timeoutMs) {
      throw new AwsssoError(`${heldFor(seen.holder, name)}; try again, or remove ${path} if no awssso is running`);
    }
    if (!announced) {
      announced = true;
      opts.onWait?.(`waiting for another awssso process${describe(seen.holder)} that holds the lock for ${name}`);
    }
    await sleep(20 + Math.random() * 80);
  }
}

function holdLock(path: string, fd: number, token: string, content: string): () => void {
  // The heartbeat keeps the file young while we live, so only a dead or stopped holder looks stale.
  const heartbeat = setInterval(() => fs.futimes(fd, new Date(), new Date(), () => {}), HEARTBEAT_MS);
  heartbeat.unref();
  const release = () => {
    clearInterval(heartbeat);
    held.delete(path);
    fs.closeSync(fd);
    // Remove it only if it is still ours (after a long stop, another process may have taken it over).
    if (inspect(path)?.raw === content) fs.rmSync(path, { force: true });
  };
  held.set(path, { token, release });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => [...held.values()].forEach((lock) => lock.release()));
  }
  return release;
}

/** Run `fn` holding the cross-process lock `name`; released when fn settles, or when the process exits. */
export async function withLock<T>(name: string, fn: () => Promise<T> | T, opts: LockOptions = {}): Promise<T> {
  const release = await acquire(lockFilePath(name, opts.env), name, opts);
  try {
    return await fn();
  } finally {
    release();
  }
}
