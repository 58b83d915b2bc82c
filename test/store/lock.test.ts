import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { AwsssoError } from '../../src/errors.js';
import { lockFilePath, withLock } from '../../src/store/lock.js';
import { run, runNode, storeModule, tempDir } from './support.js';

/** A child that takes the lock, says so, and holds it until killed. */
async function holder(t: TestContext, configDir: string, name: string): Promise<ChildProcess> {
  const code = `
const { withLock } = await import(process.env.MODULE);
await withLock(process.env.NAME, () => { process.stdout.write('held\\n'); return new Promise(() => setInterval(() => {}, 1000)); },
  { env: { AWSSSO_CONFIG_DIR: process.env.DIR } });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, MODULE: storeModule('lock'), NAME: name, DIR: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`holder exited (${code})`)));
  });
  return child;
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** A pid that no process has any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

test('processes contending for a lock never overlap, even when they start on a stale lock together', async (t) => {
  const dir = tempDir(t);
  const env = { AWSSSO_CONFIG_DIR: dir };
  writeFileSync(join(dir, 'counter'), '0');
  const stale = lockFilePath('dev', env);
  mkdirSync(dirname(stale), { recursive: true });
  writeFileSync(stale, JSON.stringify({ pid: await deadPid(), host: hostname(), started: Date.now(), token: 'dead' }));
  const contender = `
const { withLock } = await import(process.env.MODULE);
const fs = await import('node:fs');
const work = process.env.DIR;
let overlaps = 0;
for (let i = 0; i < 15; i++) {
  await withLock('dev', async () => {
    try { fs.writeFileSync(work + '/inside', String(process.pid), { flag: 'wx' }); } catch { overlaps++; }
    const n = Number(fs.readFileSync(work + '/counter', 'utf8'));
    await new Promise((r) => setTimeout(r, Math.random() * 4));
    fs.writeFileSync(work + '/counter', String(n + 1));
    fs.rmSync(work + '/inside', { force: true });
  }, { env: { AWSSSO_CONFIG_DIR: work } });
}
process.stdout.write(String(overlaps));`;
  const childEnv = { ...process.env, MODULE: storeModule('lock'), DIR: dir };
  const results = await Promise.all([1, 2, 3].map(() => runNode(contender, childEnv)));
  for (const r of results) {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '0', 'no critical section overlapped another');
  }
  assert.equal(readFileSync(join(dir, 'counter'), 'utf8'), '45', 'no increment was lost');
  assert.equal(existsSync(stale), false, 'the last holder released the lock');
});

test('a lock left by a SIGKILLed holder is taken over at once', async (t) => {
  const dir = tempDir(t);
  const child = await holder(t, dir, 'dev');
  await kill9(child);
  assert.ok(existsSync(lockFilePath('dev', { AWSSSO_CONFIG_DIR: dir })), 'the dead holder left its lock file');
  const waits: string[] = [];
  const got = await withLock('dev', () => 'mine', { env: { AWSSSO_CONFIG_DIR: dir }, timeoutMs: 5000, onWait: (l) => waits.push(l) });
  assert.equal(got, 'mine');
  assert.deepEqual(waits, [], 'no waiting for a dead process');
  assert.equal(existsSync(lockFilePath('dev', { AWSSSO_CONFIG_DIR: dir })), false);
});

test('a waiter gives up after its timeout with a one-line message naming the holder and the file', async (t) => {
  const dir = tempDir(t);
  const env = { AWSSSO_CONFIG_DIR: dir };
  const child = await holder(t, dir, 'team.dev');
  const waits: string[] = [];
  const path = lockFilePath('team.dev', env);
  let ran = false;
  await assert.rejects(
    withLock('team.dev', () => (ran = true), { env, timeoutMs: 400, onWait: (l) => waits.push(l) }),
    (err: Error) => {
      assert.ok(err instanceof AwsssoError);
      const expected = new RegExp(
        `^another awssso process has held the lock for team\\.dev for \\d+ s \\(pid ${child.pid}\\); ` +
          `try again, or remove ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} if no awssso is running$`,
      );
      assert.match(err.message, expected);
      return true;
    },
  );
  assert.equal(ran, false);
  assert.deepEqual(waits, [`waiting for another awssso process (pid ${child.pid}) that holds the lock for team.dev`]);
  await kill9(child);
});

test('a lock from another host is respected while its heartbeat is fresh, and taken over once it is stale', async (t) => {
  const dir = tempDir(t);
  const env = { AWSSSO_CONFIG_DIR: dir };
  const path = lockFilePath('dev', env);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ pid: 4242, host: 'elsewhere.example', started: Date.now() - 5000, token: 'x' }));
  await assert.rejects(withLock('dev', () => 1, { env, timeoutMs: 200 }), /\(pid 4242 on elsewhere\.example\)/);
  const old = new Date(Date.now() - 10 * 60_000);
  utimesSync(path, old, old);
  assert.equal(await withLock('dev', () => 2, { env, timeoutMs: 200 }), 2);
});

test('the lock is released when the work throws, and when the process exits inside it', async (t) => {
  const dir = tempDir(t);
  const env = { AWSSSO_CONFIG_DIR: dir };
  await assert.rejects(withLock('dev', () => { throw new Error('boom'); }, { env }), /boom/);
  assert.equal(existsSync(lockFilePath('dev', env)), false);
  const exits = `
const { withLock } = await import(process.env.MODULE);
await withLock('dev', () => process.exit(3), { env: { AWSSSO_CONFIG_DIR: process.env.DIR } });`;
  const r = await run(process.execPath, ['--input-type=module', '-e', exits], { env: { ...process.env, MODULE: storeModule('lock'), DIR: dir } });
  assert.equal(r.code, 3, r.stderr);
  assert.equal(existsSync(lockFilePath('dev', env)), false);
});
