// The config directory holds credentials, cookies and locks: whoever can write to it can plant a
// link or swap a cached credential. It must belong to the user and be writable by nobody else.
// Only node built-ins: the fast path reads the config through this check.
import { statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { configDir } from './paths.js';

/** Throws a one-line ConfigError saying what to fix when the config directory is not the user's own. */
export function checkConfigDir(env?: NodeJS.ProcessEnv): void {
  const uid = process.getuid?.();
  if (uid === undefined) return; // Windows: ACLs, not modes
  const dir = configDir(env);
  let info;
  try {
    info = statSync(dir); // a linked ~/.awssso is fine; what it points to is checked
  } catch {
    return; // not there yet: awssso creates it 0700
  }
  if (info.uid !== uid) throw new ConfigError(`${dir} belongs to uid ${info.uid}, not to you (uid ${uid}): it must be yours, mode 700`);
  if (info.mode & 0o022) {
    throw new ConfigError(`${dir} is writable by group or others (mode ${(info.mode & 0o777).toString(8)}): run \`chmod go-w ${dir}\``);
  }
}
