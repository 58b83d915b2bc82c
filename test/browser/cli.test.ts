// `awssso login --browser-fallback` (and the automatic hand-over) through the built CLI, as a
// person runs it: a subprocess with its own home, headless Chromium, the emulator on loopback.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { replayHar } from '../recordings/replay.js';
import { DEMO, sandbox, type Sandbox } from '../helpers/cli.js';
import { FileSecretStore } from '../../src/store/secret-file.js';
import { secretName } from '../../src/store/secret-store.js';
import { EXIT } from '../../src/errors.js';
import { LOOPBACK_ONLY } from './kit.js';

const ACCOUNT = '111122223333';
const ROLE = 'ReadOnlyAccess';
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function setUp(scenario?: Scenario): Promise<{ emu: RunningEmulator; sb: Sandbox }> {
  const emu = await startEmulator(scenario ? { scenario } : {});
  cleanups.push(() => emu.close());
  const sb = await sandbox(emu, { AWSSSO_CHROME_ARGS: LOOPBACK_ONLY, AWSSSO_SECRET_STORE: 'file' });
  cleanups.push(() => sb.remove());
  return { emu, sb };
}

const ops = (emu: RunningEmulator, from: number) => emu.requests.slice(from).map((r) => (r.step === undefined ? r.op : `${r.op}:${r.step}`));

test('login --browser-fallback signs in with Chrome, reusing the trusted device of the HTTP sign-in, and prints credentials', async () => {
  const { emu, sb } = await setUp();
  const configured = await sb.configure('dev', ['--account-id', ACCOUNT, '--role-name', ROLE]);
  assert.equal(configured.code, 0, configured.stderr);
  const mark = emu.requests.length;
  const login = await sb.awssso(['login', '-p', 'dev', '--browser-fallback', '--force-refresh', '--renew', '-e']);
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /^export AWS_ACCESS_KEY_ID='ASIA/m);
  const seen = ops(emu, mark);
  assert.ok(seen.includes('StartPage'), 'the browser opened the start URL');
  assert.ok(!seen.includes('PortalLogin'), 'no HTTP sign-in was tried');
  assert.ok(!seen.includes('SignInStep:get-mfa'), 'the trusted device from configure skipped MFA in Chrome');
  assert.equal(seen.filter((op) => op === 'SsoToken').length, 1);
});

test('login --browser-fallback --record writes a HAR without a secret that the replay harness loads', async () => {
  const { emu, sb } = await setUp();
  assert.equal((await sb.configure('dev', ['--account-id', ACCOUNT, '--role-name', ROLE])).code, 0);
  const file = join(sb.home, 'signin.har');
  const login = await sb.awssso(['login', '-p', 'dev', '--browser-fallback', '-f', '-r', '-e', '--record', file]);
  assert.equal(login.code, 0, login.stderr);
  const text = await readFile(file, 'utf8');
  const har = JSON.parse(text);
  const urls: string[] = har.log.entries.map((e: { request: { url: string } }) => new URL(e.request.url).pathname);
  assert.ok(urls.includes('/start') && urls.includes('/auth/sso-token'), urls.join(' '));
  assert.equal(emu.requests.filter((r) => r.op === 'SsoToken' && r.status === 200).length, 2);
  const stored = await new FileSecretStore(join(sb.configDir, 'secrets.enc'), sb.env)
    .get(secretName('portal-session', DEMO.username, emu.startUrl));
  const { token } = JSON.parse(stored!) as { token: string };
  for (const secret of [DEMO.password, DEMO.seed, token]) assert.ok(!text.includes(secret), `the recording holds ${secret}`);
  const replay = await replayHar(file);
  try {
    assert.equal(replay.unconsumed().length, har.log.entries.length);
  } finally {
    await replay.close();
  }
});

test('a captcha hands over from HTTP; with no display the person is told what to run', async () => {
  const { emu, sb } = await setUp({ challenge: 'captcha' });
  await mkdir(sb.configDir, { recursive: true });
  await writeFile(join(sb.configDir, 'config'),
    `[dev]\nurl = ${emu.startUrl}\nregion = ${emu.region}\nusername = ${DEMO.username}\naccount_id = ${ACCOUNT}\nrole_name = ${ROLE}\n`);
  // not -e or --json: those are read by a program and never try a window (test/e2e/hand-over)
  const login = await sb.awssso(['login', '-p', 'dev', '--no-headless']);
  assert.equal(login.code, EXIT.needsPerson, login.stderr);
  assert.equal(login.stdout, '');
  assert.match(login.stderr, /continuing in Chrome\n/);
  assert.match(login.stderr, /the sign-in needs you \(captcha\): run `awssso login --browser-fallback --no-headless` where a display exists/);
  assert.ok(!ops(emu, 0).includes('SsoToken'));
});
