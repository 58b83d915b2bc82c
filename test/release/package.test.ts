// Installable like any npm CLI (issue 12): the project's files, copied as a clean checkout
// would have them, are packed by `npm pack` (prepack builds from scratch); the tarball holds
// what runs and nothing of the tests or benchmarks; installed globally into an empty prefix
// with npm, the `awssso` on that prefix's PATH prints its version and help, configures a
// profile and signs in against the emulator, and answers a warm `login --json` through the fast
// path from where it was installed. Installed into a project, `npx awssso` runs it too, and
// `npm uninstall -g` takes it away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, realpath, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { run, tempDir, type Exit } from '../helpers/processes.js';
import { runTraced } from '../helpers/load-trace.js';

const ROLE = ['--account-id', '111122223333', '--role-name', 'ReadOnlyAccess'];

let work: Awaited<ReturnType<typeof tempDir>>;
let emu: RunningEmulator;
let sb: Sandbox;
let tarball: string;
let packed: string[];

/** npm as a user runs it: none of the npm_* settings `npm test` hands its children, our node first on PATH. */
function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, PATH: `${dirname(process.execPath)}:${env.PATH ?? ''}`, ...extra };
}

async function npm(args: string[], cwd: string): Promise<Exit> {
  const res = await run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: npmEnv(), timeoutMs: 240_000 });
  assert.equal(res.code, 0, `npm ${args.join(' ')}: ${res.stderr}`);
  return res;
}

/**
 * Installs from the npm cache that `npm ci` filled; when an entry is missing there (a cache
 * cleaned since), from the registry, preferring the cache.
 */
async function npmInstall(args: string[], cwd: string): Promise<void> {
  const offline = await run('npm', ['install', ...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: npmEnv(), timeoutMs: 240_000 });
  if (offline.code !== 0) await npm(['install', ...args, '--prefer-offline'], cwd);
}

before(async () => {
  work = await tempDir('awssso-release-');
  // The files of a clean checkout: tracked and new ones, not what .gitignore leaves out (dist/).
  const src = join(work.path, 'checkout');
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot });
  assert.equal(listed.code, 0, listed.stderr);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repoRoot, file))) continue; // deleted in the work tree, not yet committed
    await mkdir(dirname(join(src, file)), { recursive: true });
    await cp(join(repoRoot, file), join(src, file));
  }
  await symlink(await realpath(join(repoRoot, 'node_modules')), join(src, 'node_modules'));
  const out = join(work.path, 'packed');
  await mkdir(out);
  await npm(['pack', '--pack-destination', out], src);
  const [name] = (await readdir(out)).filter((f) => f.endsWith('.tgz'));
  assert.ok(name, 'npm pack made a tarball');
  tarball = join(out, name);
  const listing = await run('tar', ['-tzf', tarball]);
  packed = listing.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));

  emu = await startEmulator();
  sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
});

after(async () => {
  await sb?.remove();
  await emu?.close();
  await work?.remove();
});

test('the tarball holds the entry, the fast-path bundle, the compiled commands and the oclif manifest, and nothing of tests or benchmarks', () => {
  for (const file of ['bin/run.cjs', 'dist/fast-path.cjs', 'dist/src/commands/login.js', 'dist/src/commands/doctor.js', 'oclif.manifest.json', 'package.json', 'README.md']) {
    assert.ok(packed.includes(file), `${file} is in the tarball`);
  }
  const devOnly = packed.filter((f) => /^(test|bench|scripts|src)\/|^dist\/(test|bench)\/|\.ts$/.test(f) && !f.endsWith('.d.ts'));
  assert.deepEqual(devOnly, [], 'no test, benchmark, script or TypeScript source');
});

test('installed globally into an empty prefix, awssso prints its version and help, signs in against the emulator, and answers a warm call through the fast path from there', async () => {
  const prefix = join(work.path, 'global');
  await npmInstall(['--global', '--prefix', prefix, tarball], work.path);
  const installed = join(prefix, 'lib', 'node_modules', 'awssso');
  const bin = join(prefix, 'bin', 'awssso');
  assert.ok(existsSync(bin), 'npm linked bin/awssso');
  // As a shell runs it: the link on PATH, its #!/usr/bin/env node finding our node first.
  const awssso = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(bin, args, { env: { ...sb.env, PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:${sb.env.PATH ?? ''}`, ...env }, cwd: work.path });

  const version = await awssso(['--version']);
  assert.equal(version.code, 0, version.stderr);
  assert.match(version.stdout, /^awssso\/0\.\d+\.\d+ linux-x64 node-v\d+/);

  const help = await awssso(['--help']);
  assert.equal(help.code, 0, help.stderr);
  for (const command of ['configure', 'login', 'logout', 'doctor']) assert.match(help.stdout, new RegExp(`^\\s+${command}\\s`, 'm'), command);

  const configured = await awssso(['configure', '-p', 'dev', '--url', emu.startUrl, '--region', emu.region, '--username', 'demo@example.com', ...ROLE],
    { AWSSSO_PASSWORD: 'Demo-Passw0rd!', AWSSSO_TOTP_SEED: 'JBSWY3DPEHPK3PXP' });
  assert.equal(configured.code, 0, configured.stderr);
  const signIns = emu.requests.filter((r) => r.op === 'SsoToken' && r.status === 200).length;
  assert.equal(signIns, 1, 'configure signed in over HTTP');

  const cold = await awssso(['login', '-p', 'dev', '--json']);
  assert.equal(cold.code, 0, cold.stderr);
  const creds = JSON.parse(cold.stdout) as { Version: number; AccessKeyId: string };
  assert.equal(creds.Version, 1);
  assert.match(creds.AccessKeyId, /^ASIA/);

  const mark = emu.requests.length;
  const warm = await runTraced([bin, 'login', '-p', 'dev', '--json'], { env: sb.env, cwd: work.path, log: join(work.path, 'loaded.txt') });
  assert.equal(warm.code, 0, warm.stderr);
  assert.equal(warm.stdout, cold.stdout, 'the same credentials, from the cache');
  assert.equal(emu.requests.length, mark, 'no request');
  assert.deepEqual(warm.heavy, [], 'no oclif, HTTP, browser or keyring module: the fast path answered');
  const ours = warm.loaded.filter((f) => !f.startsWith('node:') && !f.startsWith('data:'));
  assert.ok(ours.includes(join(await realpath(installed), 'dist', 'fast-path.cjs')), `loaded the installed bundle: ${ours.join(', ')}`);
  assert.deepEqual(ours.filter((f) => f.includes(repoRoot) || !f.includes(installed)), [], 'nothing from the source tree or elsewhere');

  await npm(['uninstall', '--global', '--prefix', prefix, 'awssso'], work.path);
  assert.equal(existsSync(bin), false, 'uninstalled: bin/awssso is gone');
  assert.equal(existsSync(installed), false, 'uninstalled: the package is gone');
});

test('installed into a project, npx awssso runs it', async () => {
  const project = join(work.path, 'project');
  await mkdir(project);
  await npmInstall([tarball], project);
  const res = await run('npx', ['--no-install', 'awssso', '--version'], { cwd: project, env: npmEnv() });
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /^awssso\/0\.\d+\.\d+ /);
});
