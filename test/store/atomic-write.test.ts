import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../src/store/atomic-write.js';
import { storeModule, tempDir } from './support.js';

test('the file gets exactly the mode asked for, and missing parents are created 0700', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'a', 'b', 'secret.json');
  await writeFileAtomic(path, 'one');
  assert.equal(readFileSync(path, 'utf8'), 'one');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'a')).mode & 0o777, 0o700);
  assert.equal(statSync(join(dir, 'a', 'b')).mode & 0o777, 0o700);
  await writeFileAtomic(path, 'two', 0o640);
  assert.equal(readFileSync(path, 'utf8'), 'two');
  assert.equal(statSync(path).mode & 0o777, 0o640);
});

test('a symlinked file is refused unless following it was asked for; the link and its target stay', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'dotfiles'));
  writeFileSync(join(dir, 'dotfiles', 'credentials'), 'old');
  symlinkSync(join(dir, 'dotfiles', 'credentials'), join(dir, 'credentials'));
  await assert.rejects(writeFileAtomic(join(dir, 'credentials'), 'new'), { message: `refusing to write ${join(dir, 'credentials')}: it is a symbolic link` });
  assert.equal(readFileSync(join(dir, 'dotfiles', 'credentials'), 'utf8'), 'old');
});

test('with followSymlink a symlinked file is written through, and the link stays', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'dotfiles'));
  writeFileSync(join(dir, 'dotfiles', 'credentials'), 'old');
  symlinkSync(join(dir, 'dotfiles', 'credentials'), join(dir, 'credentials'));
  await writeFileAtomic(join(dir, 'credentials'), 'new', 0o600, { followSymlink: true });
  assert.ok(lstatSync(join(dir, 'credentials')).isSymbolicLink());
  assert.equal(readlinkSync(join(dir, 'credentials')), join(dir, 'dotfiles', 'credentials'));
  assert.equal(readFileSync(join(dir, 'dotfiles', 'credentials'), 'utf8'), 'new');
});

const SIZE = 2_000_000;
const version = (i: number) => `${i}\n${String(i % 10).repeat(SIZE)}\nend ${i}\n`;

// A writer rewrites a 2 MB file in a loop and is SIGKILLed at random moments: every time, the file
// must be one whole version, never a truncated or mixed one.
test('a writer killed with SIGKILL at random moments leaves a whole old or new file', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'big.txt');
  writeFileSync(target, version(0));
  const child = `
const { writeFileAtomic } = await import(process.env.MODULE);
const start = Number(process.env.START);
for (let i = start; ; i++) {
  await writeFileAtomic(process.env.TARGET, \`\${i}\\n\${String(i % 10).repeat(${SIZE})}\\nend \${i}\\n\`);
  if (i === start) process.stdout.write('ready\\n');
}`;
  let last = 0;
  for (let round = 0; round < 8; round++) {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', child], {
      env: { ...process.env, MODULE: storeModule('atomic-write'), TARGET: target, START: String(last + 1) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.once('data', () => resolve());
      proc.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((r) => setTimeout(r, Math.random() * 150));
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
    const text = readFileSync(target, 'utf8');
    const i = Number(text.slice(0, text.indexOf('\n')));
    assert.ok(i > last, `round ${round}: the file moved on from version ${last} (has ${i})`);
    assert.ok(text === version(i), `round ${round}: version ${i} is whole`);
    last = i;
  }
});
