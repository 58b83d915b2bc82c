// The hand-over policy of docs/protocol.md §9 through the built CLI (issue 8): answers in the
// evidenced shapes sign in over HTTP with no browser at all; a refusal after the password, an MFA
// step awssso does not know and a firewall challenge each finish in a HEADLESS browser with the
// stored secrets, for `login`, `-e` and `--json`; a wrong password ends in one line with the
// service's words, and the stored password is forgotten only once the page showed the refusal.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { freePort } from '../helpers/processes.js';
import { LOOPBACK_ONLY } from '../browser/kit.js';
import { EXIT } from '../../src/errors.js';

const ROLE = ['--account-id', '111122223333', '--role-name', 'ReadOnlyAccess'];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** stderr lines, without the one-time note about where secrets are kept. */
const lines = (stderr: string) => stderr.split('\n').filter((l) => l && !/no OS keyring answered/.test(l));
const NO_STACK = /^\s+at |Error:/m;

async function configured(scenario: Scenario, opts: { port?: number; env?: NodeJS.ProcessEnv } = {}): Promise<{ emu: RunningEmulator; sb: Sandbox }> {
  const emu = await startEmulator({ scenario, ...(opts.port ? { port: opts.port } : {}) });
  const sb = await sandbox(emu, { AWSSSO_CHROME_ARGS: LOOPBACK_ONLY, ...opts.env });
  cleanups.push(() => sb.remove(), () => emu.close().catch(() => undefined)); // the wrong-password test closes one early
  const res = await sb.configure('dev', ROLE);
  assert.equal(res.code, 0, res.stderr);
  return { emu, sb };
}

/** Nothing this HOME learnt from earlier sign-ins (cookies, the browser profile) helps the next one. */
const forgetCookies = (sb: Sandbox) => Promise.all([
  rm(join(sb.configDir, 'cookies'), { recursive: true, force: true }),
  rm(join(sb.configDir, 'browser-profile'), { recursive: true, force: true }),
]);

const demoUser = () => ({ username: DEMO.username, password: DEMO.password, totpSeed: DEMO.seed });
const since = (emu: RunningEmulator, mark: number) => emu.requests.slice(mark);

test('answers in the evidenced shapes sign in over HTTP with no browser on the machine', async () => {
  const { emu, sb } = await configured({ signinHostSession: false }, { env: { AWSSSO_CHROME: '/nonexistent/chrome' } });
  await forgetCookies(sb); // no trusted device: the MFA step too
  const mark = emu.requests.length;
  const res = await sb.awssso(['login', '-p', 'dev', '--json', '-f']);
  assert.equal(res.code, 0, res.stderr);
  assert.match(JSON.parse(res.stdout).AccessKeyId, /^ASIA/);
  assert.deepEqual(lines(res.stderr), []);
  const steps = since(emu, mark).filter((r) => r.op === 'SignInStep').map((r) => `${r.step}:${r.status}`);
  assert.deepEqual(steps, [':200', 'start:200', 'get-identity-user:200', 'get-password:200', 'get-mfa:200']);
});

const HANDED_OVER: Array<{ name: string; scenario: Scenario; says: RegExp }> = [
  {
    name: 'a get-password refused without a browser fingerprint',
    scenario: { fingerprintRequired: true, signinHostSession: false },
    says: /^awssso: the sign-in refused step `get-password` \(HTTP 400, AUTHENTICATION_FAILED: .*\); continuing in Chrome$/,
  },
  {
    name: 'an MFA step awssso does not know (answered with the stored TOTP seed)',
    scenario: { users: [{ ...demoUser(), mfa: 'always', mfaType: 'TOTP_UNLISTED' }], signinHostSession: false },
    says: /^awssso: the sign-in asks for an MFA step `get-totp-login-credential` awssso does not know; continuing in Chrome$/,
  },
  {
    name: 'a firewall challenge',
    scenario: { firewall: { action: 'challenge', step: 'get-password' }, signinHostSession: false },
    says: /^awssso: the sign-in's firewall answered step `get-password` with a challenge \(HTTP 202\), which needs a browser; continuing in Chrome$/,
  },
];

for (const { name, scenario, says } of HANDED_OVER) {
  test(`${name}: login, -e and --json finish in a headless browser with the stored secrets`, async () => {
    const { emu, sb } = await configured(scenario);
    for (const output of [[], ['-e'], ['--json']]) {
      await forgetCookies(sb);
      const mark = emu.requests.length;
      const res = await sb.awssso(['login', '-p', 'dev', '-f', ...output]);
      assert.equal(res.code, 0, `${output.join(' ')}: ${res.stderr}`);
      assert.deepEqual(lines(res.stderr).filter((l) => !/^awssso: (wrote credentials|the sign-in steps Chrome went through)/.test(l)).map((l) => says.test(l)), [true], res.stderr);
      assert.doesNotMatch(res.stderr, NO_STACK);
      if (output[0] === '--json') assert.match(JSON.parse(res.stdout).AccessKeyId, /^ASIA/);
      else if (output[0] === '-e') assert.match(res.stdout, /^export AWS_ACCESS_KEY_ID='ASIA/m);
      else assert.match(await readFile(sb.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8'), /^aws_access_key_id = ASIA/m);
      const seen = since(emu, mark);
      assert.ok(seen.some((r) => r.op === 'StartPage'), 'the browser opened the start URL');
      assert.equal(seen.filter((r) => r.op === 'SsoToken' && r.status === 200).length, 1, 'one sign-in');
      if (scenario.users) assert.ok(seen.some((r) => r.step === 'get-totp-login-credential' && r.status === 200), 'the page took the code from the seed');
    }
  });
}

test('a wrong password (changed in the directory since configure): one line with the service\'s words, then the stored password is forgotten and the next call says what to run', async () => {
  const port = await freePort();
  const before = await configured({ signinHostSession: false }, { port });
  await before.emu.close();
  const emu = await startEmulator({ port, scenario: { signinHostSession: false, users: [{ ...demoUser(), password: 'Changed-Passw0rd!' }] } });
  cleanups.push(() => emu.close());
  const { sb } = before;

  // without a browser the HTTP refusal proves nothing: the stored password stays
  const noBrowser = await sb.awssso(['login', '-p', 'dev', '--json'], { env: { AWSSSO_CHROME: '/nonexistent/chrome' } });
  assert.notEqual(noBrowser.code, 0);
  assert.doesNotMatch(noBrowser.stderr, NO_STACK);

  const refused = await sb.awssso(['login', '-p', 'dev', '--json']);
  assert.equal(refused.code, 5, refused.stderr);
  assert.equal(refused.stdout, '');
  const said = lines(refused.stderr);
  assert.equal(said.length, 2, refused.stderr);
  assert.match(said[0]!, /AUTHENTICATION_FAILED.*; continuing in Chrome$/);
  assert.equal(said[1], "awssso: sign-in refused: Something doesn't compute: We couldn't verify your sign-in credentials. Please try again. "
    + '(awssso forgot the stored password: run `awssso login -p dev` in a terminal)');
  assert.doesNotMatch(refused.stderr, NO_STACK);
  assert.ok(emu.requests.some((r) => r.op === 'StartPage'), 'the verdict came from the page');

  const mark = emu.requests.length;
  const next = await sb.awssso(['login', '-p', 'dev', '--json']);
  assert.equal(next.code, 4);
  assert.deepEqual(lines(next.stderr), [`awssso: no password is stored for ${DEMO.username}: run \`awssso login -p dev\` in a terminal`]);
  assert.equal(since(emu, mark).filter((r) => r.step === 'get-password').length, 0, 'no sign-in was tried with it');
});

test('a captcha needs a person: -e and --json say what to run in one line, at once, with no browser started', async () => {
  const emu = await startEmulator({ scenario: { challenge: 'captcha' } });
  const sb = await sandbox(emu, { AWSSSO_CHROME_ARGS: LOOPBACK_ONLY });
  cleanups.push(() => sb.remove(), () => emu.close().catch(() => undefined));
  await mkdir(sb.configDir, { recursive: true, mode: 0o700 });
  await writeFile(join(sb.configDir, 'config'),
    `[cap]\nurl = ${emu.startUrl}\nregion = ${emu.region}\nusername = ${DEMO.username}\naccount_id = 111122223333\nrole_name = ReadOnlyAccess\n`);
  for (const output of ['-e', '--json']) {
    const res = await sb.awssso(['login', '-p', 'cap', output]);
    assert.equal(res.code, EXIT.needsPerson, res.stderr);
    assert.equal(res.stdout, '');
    assert.deepEqual(lines(res.stderr),
      ['awssso: the sign-in shows a captcha, which needs a person at a browser; run `awssso login -p cap` in a terminal']);
  }
  assert.equal(emu.requests.filter((r) => r.op === 'StartPage').length, 0, 'no browser opened the start URL');
});
