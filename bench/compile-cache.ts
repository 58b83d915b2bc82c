// What node's module compile cache (module.enableCompileCache(), node 22.1+, which bin/run.cjs
// turns on) does for start-up: the warm fast path and a command through oclif, each with the
// cache and with NODE_DISABLE_COMPILE_CACHE=1, next to `node -e 0`. Prints medians of batches
// of 10 runs in a row (CPU time from time(1) comes in 10 ms steps; a batch makes them 1 ms).
//   node dist/bench/compile-cache.js [rounds]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../test/emulator/server.js';
import { sandbox } from '../test/helpers/cli.js';
import { binRun } from '../test/helpers/paths.js';
import { measure, printTable, subject } from './runs.js';

const RUNS = Number(process.argv[2] ?? 11);
const BATCH = 10;

const emu = await startEmulator();
const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
// A cache of this run's own, so that neither an old cache nor another user's helps.
const cacheDir = await mkdtemp(join(tmpdir(), 'awssso-compile-cache-'));
try {
  const configured = await sb.configure('bench', ['--account-id', '111122223333', '--role-name', 'ReadOnlyAccess']);
  if (configured.code !== 0) throw new Error(configured.stderr);
  const on = { ...sb.env, NODE_COMPILE_CACHE: cacheDir };
  const off = { ...sb.env, NODE_DISABLE_COMPILE_CACHE: '1' };
  const login = [process.execPath, binRun, 'login', '-p', 'bench', '--json'];
  const version = [process.execPath, binRun, '--version'];
  const subjects = [
    subject('node -e 0', [process.execPath, '-e', '0'], sb.env),
    subject('login --json, warm (fast path), cache', login, on),
    subject('login --json, warm (fast path), no cache', login, off),
    subject('--version (oclif), cache', version, on),
    subject('--version (oclif), no cache', version, off),
  ];
  await measure(subjects, RUNS, BATCH);
  console.log(`compile cache, ${RUNS} batches of ${BATCH} runs each, interleaved; medians per run; node ${process.version}, load average ${loadavg()[0]!.toFixed(2)}`);
  printTable(subjects);
} finally {
  await rm(cacheDir, { recursive: true, force: true });
  await sb.remove();
  await emu.close();
}
