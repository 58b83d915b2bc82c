// dist/code-cache.cjs, as bin/run.cjs uses it: each case is a new node process that requires a
// small module through it, as a sign-in requires dist/fast-path-sign-in.cjs.
import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { run, tempDir } from '../helpers/processes.js';

const loader = join(repoRoot, 'dist', 'code-cache.cjs');
let dir: { path: string; remove(): Promise<void> };
let bundle: string;
let configDir: string;
let compiled: string;

before(async () => {
  dir = await tempDir('awssso-code-cache-');
  bundle = join(dir.path, 'bundle.cjs');
  configDir = join(dir.path, 'awssso');
  compiled = join(configDir, 'cache', 'compiled');
  await writeFile(bundle, "'use strict';\nexports.answer = (n) => `${n * 6} from ${__filename.split('/').pop()}`;\n");
  await mkdir(configDir, { mode: 0o700 });
});
after(() => dir.remove());

/** Requires the bundle through the loader in a new process; what it printed and what it saw. */
async function load(env: NodeJS.ProcessEnv = {}) {
  const code = `const m = require(${JSON.stringify(loader)}).requireWithCodeCache(${JSON.stringify(bundle)});
process.stdout.write(m.answer(7) + ' ' + (require.cache[${JSON.stringify(bundle)}]?.exports === m));`;
  const exit = await run(process.execPath, ['-e', code], { env: { ...process.env, AWSSSO_CONFIG_DIR: configDir, ...env } });
  assert.equal(exit.code, 0, exit.stderr);
  assert.equal(exit.stderr, '', 'nothing said on stderr');
  assert.equal(exit.stdout, '42 from bundle.cjs true', 'the module ran, with its own __filename, listed as require() lists it');
  return exit;
}

const cacheFiles = async () => (await readdir(compiled).catch(() => [])).filter((name) => name.startsWith('bundle.cjs.'));

test('the first run writes the compiled code, 0600; the next one uses it and writes nothing', async () => {
  await load();
  const [name, ...more] = await cacheFiles();
  assert.ok(name && more.length === 0, 'one file for the bundle');
  const first = await stat(join(compiled, name));
  assert.equal(first.mode & 0o777, 0o600);
  assert.equal((await stat(compiled)).mode & 0o777, 0o700);
  await load();
  const second = await stat(join(compiled, name));
  assert.deepEqual([second.ino, second.mtimeMs], [first.ino, first.mtimeMs], 'V8 took the code: it was not written again');
});

test('a damaged cache file costs a compile, and is replaced', async () => {
  await load();
  const [name] = await cacheFiles();
  const path = join(compiled, name!);
  await writeFile(path, 'not V8 code at all');
  await load();
  assert.notEqual(await readFile(path, 'utf8').catch(() => ''), 'not V8 code at all');
  const ino = (await stat(path)).ino;
  await load();
  assert.equal((await stat(path)).ino, ino, 'the replacement is taken');
});

test('a new version of the bundle gets its own file, and the old one goes', async () => {
  await load();
  const [old] = await cacheFiles();
  await utimes(bundle, new Date(), new Date(Date.now() + 5_000));
  await load();
  const now = await cacheFiles();
  assert.equal(now.length, 1);
  assert.notEqual(now[0], old);
});

test('a cache directory that cannot be made (a file in its way): the module still loads, and nothing is said', async () => {
  await rm(compiled, { recursive: true, force: true });
  await writeFile(compiled, 'in the way');
  try {
    await load();
    await load();
    assert.equal(await readFile(compiled, 'utf8'), 'in the way', 'left as it was');
  } finally {
    await rm(compiled, { force: true });
  }
});

test('code others could have written is not run, and none is kept where they could write', async () => {
  await load();
  const [name] = await cacheFiles();
  const path = join(compiled, name!);
  await chmod(path, 0o620);
  const planted = (await stat(path)).ino;
  await load();
  const now = await stat(path);
  assert.notEqual(now.ino, planted, 'the group-writable file was not taken: the run compiled and wrote its own');
  assert.equal(now.mode & 0o777, 0o600);
  await chmod(configDir, 0o770);
  try {
    await rm(compiled, { recursive: true });
    await load();
    assert.deepEqual(await cacheFiles(), [], 'nothing written under a config directory others can write to');
  } finally {
    await chmod(configDir, 0o700);
  }
});

test('with no config directory yet, nothing is created', async () => {
  const exit = await run(process.execPath, ['-e', `require(${JSON.stringify(loader)}).requireWithCodeCache(${JSON.stringify(bundle)})`],
    { env: { ...process.env, AWSSSO_CONFIG_DIR: join(dir.path, 'not-yet') } });
  assert.equal(exit.code, 0, exit.stderr);
  assert.deepEqual((await readdir(dir.path)).sort(), ['awssso', 'bundle.cjs']);
});
