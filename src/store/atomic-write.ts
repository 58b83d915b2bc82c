// Replace a file so that a reader, or a crash at any moment, sees the old content or the new one,
// never a mix: write a temp file in the same directory, fsync it, rename it over, fsync the dir.
// Only node built-ins: the credential_process fast path may load this.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files are named `.<base>.<pid>.<hex>.tmp` so leftovers of dead writers can be recognised. */
const TEMP_RE = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;
/** A temp file of a dead process is removed only when this old: its writer might be on another host. */
const LEFTOVER_AGE_MS = 10 * 60_000;

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Write through a symlink (a dotfiles repo often links ~/.aws/credentials) instead of replacing it. */
function resolveTarget(path: string): string {
  try {
    return fs.realpathSync(path);
  } catch {
    return path;
  }
}

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
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const target = resolveTarget(path);
  await fsp.mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const temp = tempPathFor(target);
  try {
    const handle = await fsp.open(temp, 'wx', mode);
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
  }
  fsyncDirSync(dirname(target));
  sweepLeftovers(target);
}
