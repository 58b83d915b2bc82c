// Loads a large CommonJS bundle (dist/fast-path-sign-in.cjs: got, tough-cookie, jose and the
// login code, ~0.9 MB) with the machine code V8 made for it on an earlier run. Node 20 compiles
// the file afresh on every start, and node 22's compile cache keeps only what was compiled before
// the file ran; this keeps, after a run, every function the sign-in compiled: ~20 ms of a sign-in
// on node 20 and 22 (bench/latency measures the whole path).
// The code lives in the config directory (~/.awssso/cache/compiled), named by the bundle's path,
// size and mtime, node's version and the CPU: an upgrade of awssso gets a new name and the old
// file is removed (one left behind by a node that is gone stays, ~0.8 MB). Code is run, so it is
// read and written only where nobody else can write (the rule config-dir.ts applies to the whole
// directory), and only once awssso has a config directory. It is written once, at exit,
// atomically; data V8 refuses (another V8, a torn file) only costs the compile it would have saved,
// and is written again. Nothing here may fail a command: any error falls back to compiling.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { checkConfigDir } from '../store/config-dir.js';
import { cacheDir, configDir } from '../store/paths.js';

export const compiledCodeDir = (env?: NodeJS.ProcessEnv) => join(cacheDir(env), 'compiled');

const digest = (...parts: unknown[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 12);

interface CacheName {
  /** the bundle's path, node's version, the CPU: two installs or two nodes keep one file each */
  family: string;
  /** the family and the bundle's own version (its size and mtime) */
  name: string;
}

function cacheName(file: string, size: number, mtimeMs: number): CacheName {
  const family = `${basename(file)}.${digest(file, process.version, process.arch)}.`;
  return { family, name: `${family}${digest(size, mtimeMs)}.v8` };
}

/** Whether only this user can have written `path` (Windows: ACLs, not modes, and no check). */
function writableByUserOnly(path: string): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return true;
  const info = statSync(path);
  return info.uid === uid && (info.mode & 0o022) === 0;
}

/** The directory the code may be kept in, or undefined when there is none to trust. */
function trustedDir(env: NodeJS.ProcessEnv): string | undefined {
  try {
    if (!existsSync(configDir(env))) return undefined;
    checkConfigDir(env);
    const dir = compiledCodeDir(env);
    return !existsSync(dir) || writableByUserOnly(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function readTrusted(path: string): Buffer | undefined {
  try {
    return writableByUserOnly(path) ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the script's code once the run has compiled what it uses, and removes older versions. */
function saveAtExit(script: Script, dir: string, { family, name }: CacheName): void {
  process.once('exit', () => {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, name);
      const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(temp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
      renameSync(temp, path);
      for (const old of readdirSync(dir)) {
        if (old !== name && old.startsWith(family)) rmSync(join(dir, old), { force: true });
      }
    } catch {
      // a read-only home, a full disk: the next run compiles again
    }
  });
}

/** require(file), with V8's code for it from the last run when there is one. */
export function requireWithCodeCache(file: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  const dir = trustedDir(env);
  const names = cacheName(file, size, mtimeMs);
  const cachedData = dir === undefined ? undefined : readTrusted(join(dir, names.name));
  // No ES-module loader here: the bundles require() what they load lazily (scripts/bundle-fast-paths.mjs).
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (dir !== undefined && (!cachedData || script.cachedDataRejected)) saveAtExit(script, dir, names);
  const mod = new Module(file);
  mod.filename = file;
  const requireHere = createRequire(file);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  // Listed as require() would list it, so that what a run loaded stays visible (test/helpers/load-trace.ts).
  requireHere.cache[file] = mod;
  wrapper.call(mod.exports, mod.exports, requireHere, mod, file, dirname(file));
  mod.loaded = true;
  return mod.exports;
}
