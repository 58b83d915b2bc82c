// Replace a file so that a reader, or a crash at any moment, sees the old content or the new one,
// never a mix: write a temp file in the same directory, fsync it, rename it over, fsync the dir.
// A link or a directory planted where the file goes is refused, never followed or replaced: the
// files hold secrets, and a link would send them (or our write) wherever its planter chose.
// Only node built-ins: the credential_process fast path may load this.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import { removeOnSignal } from './temp-files.js';

/** Temp files are named `.<base>.<pid>.<hex>.tmp` so leftovers of dead writers can be recognised. */
const TEMP_RE = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;
/** A temp file of a dead process is removed only when this old: its writer might be on another host. */
const LEFTOVER_AGE_MS = 10 * 60_000;

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Created exclusively, never through a link: a temp name someone guessed cannot redirect the write. */
const TEMP_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

export interface WriteOptions {
  /**
   * Write through a symlink at the path instead of refusing it: only for the user's own files
   * that dotfiles repositories link (~/.aws/credentials), never for awssso's own.
   */
  followSymlink?: boolean;
}

/** The path to replace: `path` itself, checked with lstat, or what its link points to when allowed. */
function resolveTarget(path: string, { followSymlink = false }: WriteOptions): string {
  let info: fs.Stats;
  try {
    info = fs.lstatSync(path);
  } catch {
    return path; // nothing there yet (or unreadable: the write will say why)
  }
  if (info.isSymbolicLink()) {
    if (!followSymlink) throw new ConfigError(`refusing to write ${path}: it is a symbolic link`);
    const target = fs.realpathSync(path);
    return fs.statSync(target).isFile() ? target : refuse(path, 'it links to something that is not a file');
  }
  return info.isFile() ? path : refuse(path, info.isDirectory() ? 'it is a directory' : 'it is not a regular file');
}

const refuse = (path: string, why: string): never => {
  throw new ConfigError(`refusing to write ${path}: ${why}`);
};

function pidIsDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Remove temp files that SIGKILLed writers left beside `target` (they may hold secrets). */
function sweepLeftovers(target: string): void {
  const dir = dirname(target);
  const base = basename(target);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || m[1] !== base || Number(m[2]) === process.pid || !pidIsDead(Number(m[2]))) continue;
    const path = join(dir, name);
    try {
      if (Date.now() - fs.lstatSync(path).mtimeMs > LEFTOVER_AGE_MS) fs.unlinkSync(path);
    } catch {
      // another sweeper got there first
    }
  }
}

/** fsync a directory so the rename itself survives a power cut; some platforms cannot, which is fine. */
function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // EISDIR/EPERM/EINVAL on platforms without directory fsync
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Atomically replace `path` with `data`, creating missing parent directories with mode 0700.
 * The file gets exactly `mode`, whatever the umask.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600, opts: WriteOptions = {}): Promise<void> {
  const target = resolveTarget(path, opts);
  await fsp.mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const temp = tempPathFor(target);
  const forget = removeOnSignal(temp);
  try {
    const handle = await fsp.open(temp, TEMP_FLAGS, mode);
    try {
      await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, target);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  } finally {
    forget();
  }
  fsyncDirSync(dirname(target));
  sweepLeftovers(target);
}
