// `awssso exec` through the built CLI against the emulator: the child gets the credentials and the
// region, not AWS_PROFILE; its stdin and stdout are its own; its exit status (and a signal's) is ours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { devSandbox, type Sandbox } from '../helpers/cli.js';

let emu: RunningEmulator;
let sb: Sandbox;

before(async () => {
  emu = await startEmulator();
  sb = await devSandbox(emu);
});

after(async () => {
  await sb?.remove();
  await emu?.close();
});

const printEnv = `process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_')))))`;

test('the child sees the role credentials and the region, and no AWS_PROFILE', async () => {
  const ran = await sb.awssso(['exec', '-p', 'dev', '--', process.execPath, '-e', printEnv], { env: { AWS_PROFILE: 'someone-else' } });
  assert.equal(ran.code, 0, ran.stderr);
  const env = JSON.parse(ran.stdout) as Record<string, string>;
  assert.match(env.AWS_ACCESS_KEY_ID!, /^ASIA/);
  assert.ok(env.AWS_SECRET_ACCESS_KEY && env.AWS_SESSION_TOKEN);
  assert.match(env.AWS_CREDENTIAL_EXPIRATION!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(env.AWS_REGION, emu.region);
  assert.equal(env.AWS_DEFAULT_REGION, emu.region);
  assert.equal(env.AWS_PROFILE, undefined);
  // the same credentials login hands out (from the cache)
  const login = JSON.parse((await sb.awssso(['login', '-p', 'dev', '--json'])).stdout) as { AccessKeyId: string };
  assert.equal(env.AWS_ACCESS_KEY_ID, login.AccessKeyId);
});

test('stdin and stdout are the child\'s; flags after -- are the child\'s', async () => {
  const ran = await sb.awssso(['exec', '-p', 'dev', '--', 'sh', '-c', 'tr a-z A-Z; echo "$1"', 'sh', '-p'], { input: 'hello\n' });
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(ran.stdout, 'HELLO\n-p\n');
});

test('the exit status is the child\'s: 0, 3, and 130 for a child ended by SIGINT', async () => {
  assert.equal((await sb.awssso(['exec', '-p', 'dev', '--', 'true'])).code, 0);
  assert.equal((await sb.awssso(['exec', '-p', 'dev', '--', 'sh', '-c', 'exit 3'])).code, 3);
  const interrupted = await sb.awssso(['exec', '-p', 'dev', '--', 'sh', '-c', 'kill -INT $$']);
  assert.equal(interrupted.code, 130);
});

test('a missing or unknown command is one line and a shell\'s exit status', async () => {
  const none = await sb.awssso(['exec', '-p', 'dev']);
  assert.equal(none.code, 2);
  assert.equal(none.stderr, 'awssso: name the command to run: awssso exec -p PROFILE -- COMMAND [ARGS...]\n');
  const unknown = await sb.awssso(['exec', '-p', 'dev', '--', 'no-such-command-here']);
  assert.equal(unknown.code, 127);
  assert.equal(unknown.stderr, 'awssso: no-such-command-here: command not found\n');
});
