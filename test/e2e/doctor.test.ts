// `awssso doctor` through the built CLI: against the emulator with a real keyring every check
// passes; each thing a user can get wrong (the portal down, a skewed clock, chromedriver
// missing, no keyring) fails its own check in one line, and the exit status says so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { binRun } from '../helpers/paths.js';
import { inKeyringSession } from '../helpers/keyring.js';

const ROLE = ['--account-id', '111122223333', '--role-name', 'ReadOnlyAccess'];
const ALL = ['node', 'config', 'secrets', 'portal', 'sign-in', 'oidc', 'clock', 'session', 'browser', 'display'];

interface Verdict { check: string; status: string; summary: string; fix?: string }

const opened: Array<{ emu: RunningEmulator; sb: Sandbox }> = [];
after(async () => {
  for (const { emu, sb } of opened) {
    await sb.remove();
    await emu.close().catch(() => undefined); // one test stops its emulator itself
  }
});

/** An emulator and a sandbox configured for its demo user, secrets in the file (no keyring needed). */
async function configured(scenario?: Scenario): Promise<{ emu: RunningEmulator; sb: Sandbox }> {
  const emu = await startEmulator(scenario ? { scenario } : {});
  const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file', DISPLAY: ':99' });
  opened.push({ emu, sb });
  const res = await sb.configure('dev', ROLE);
  assert.equal(res.code, 0, res.stderr);
  return { emu, sb };
}

/** Runs doctor in text and JSON; both must agree. Returns the verdicts, the text lines and the exit code. */
async function doctor(sb: Sandbox, env: NodeJS.ProcessEnv = {}) {
  const text = await sb.awssso(['doctor', '-p', 'dev'], { env });
  const json = await sb.awssso(['doctor', '-p', 'dev', '--json'], { env });
  assert.equal(text.code, json.code, 'the same exit status with and without --json');
  const verdicts = (JSON.parse(json.stdout) as { checks: Verdict[] }).checks;
  const lines = text.stdout.trimEnd().split('\n');
  assert.deepEqual(verdicts.map((v) => v.check), ALL, 'every check, in order');
  assert.equal(lines.length, verdicts.length, 'one line per check');
  return { verdicts, lines, code: text.code, stderr: text.stderr };
}

const failing = (verdicts: Verdict[]) => verdicts.filter((v) => v.status === 'fail').map((v) => v.check);
const line = (lines: string[], check: string) => lines.find((l) => l.split(/\s+/)[1] === check) ?? '';

test('against the emulator, with a keyring and a display, every check passes and doctor exits 0', async () => {
  const emu = await startEmulator();
  const sb = await sandbox(emu, { DISPLAY: ':99' });
  opened.push({ emu, sb });
  const awssso = `"${process.execPath}" "${binRun}"`;
  const res = await inKeyringSession(sb.home, [
    `${awssso} configure -p dev --url "${emu.startUrl}" --region ${emu.region} --username ${DEMO.username} ${ROLE.join(' ')}`,
    `${awssso} doctor -p dev --json`,
  ], { ...sb.env, AWSSSO_PASSWORD: DEMO.password, AWSSSO_TOTP_SEED: DEMO.seed });
  assert.equal(res.code, 0, res.stdout + res.stderr);
  const verdicts = (JSON.parse(res.stdout.slice(res.stdout.indexOf('{'))) as { checks: Verdict[] }).checks;
  assert.deepEqual(verdicts.map((v) => v.check), ALL);
  for (const v of verdicts) assert.equal(v.status, 'ok', `${v.check}: ${v.summary}`);
  const secrets = verdicts.find((v) => v.check === 'secrets')!;
  assert.match(secrets.summary, /OS keyring/);
  assert.match(verdicts.find((v) => v.check === 'session')!.summary, /the portal takes the stored session; it ends \d{4}-/);
  assert.doesNotMatch(res.stdout, new RegExp(`${DEMO.password}|${DEMO.seed}`), 'no secret in the report');
});

test('with the emulator stopped, the portal and OIDC checks fail in one line each and doctor exits 1', async () => {
  const { emu, sb } = await configured();
  await emu.close();
  const { verdicts, lines, code } = await doctor(sb);
  assert.equal(code, 1);
  assert.deepEqual(failing(verdicts), ['portal', 'oidc']);
  assert.match(line(lines, 'portal'), /^FAIL\s+portal\s+cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED — /);
  for (const check of ['sign-in', 'clock', 'session']) assert.equal(verdicts.find((v) => v.check === check)!.status, 'skip', check);
});

test('with the portal\'s clock two minutes ahead, the clock check fails (TOTP codes would be refused) and doctor exits 1', async () => {
  const { sb } = await configured({ clockOffsetSeconds: 120 });
  const { verdicts, lines, code } = await doctor(sb);
  assert.equal(code, 1);
  assert.deepEqual(failing(verdicts), ['clock']);
  assert.match(line(lines, 'clock'), /^FAIL\s+clock\s+this machine's clock is 1(19|20|21) s behind the portal's: TOTP codes will be refused — synchronise/);
});

test('a clock a second or two off passes', async () => {
  const { sb } = await configured({ clockOffsetSeconds: -2 });
  const { verdicts, code } = await doctor(sb);
  assert.equal(code, 0, JSON.stringify(verdicts));
  assert.equal(verdicts.find((v) => v.check === 'clock')!.status, 'ok');
});

test('an OIDC endpoint the host allow-list refuses (plain http off loopback) fails the oidc check before any request', async () => {
  const { sb } = await configured();
  const { verdicts, lines, code } = await doctor(sb, { AWS_ENDPOINT_URL_SSO_OIDC: 'http://oidc.example.com' });
  assert.equal(code, 1);
  assert.deepEqual(failing(verdicts), ['oidc']);
  assert.match(line(lines, 'oidc'), /^FAIL\s+oidc\s+refusing a request to oidc\.example\.com: plain http:\/\/ is allowed only for loopback hosts — .*AWS_ENDPOINT_URL_/);
});

test('with AWSSSO_CHROMEDRIVER pointing nowhere, the browser check fails and doctor exits 1', async () => {
  const { sb } = await configured();
  const { verdicts, lines, code } = await doctor(sb, { AWSSSO_CHROMEDRIVER: '/nowhere/chromedriver' });
  assert.equal(code, 1);
  assert.deepEqual(failing(verdicts), ['browser']);
  assert.match(line(lines, 'browser'), /^FAIL\s+browser\s+AWSSSO_CHROMEDRIVER=\/nowhere\/chromedriver is not an executable file — /);
});

test('with no keyring (and no AWSSSO_SECRET_STORE choice), the secrets check fails naming the file used instead', async () => {
  const { sb } = await configured();
  const { verdicts, lines, code } = await doctor(sb, { AWSSSO_SECRET_STORE: '' });
  assert.equal(code, 1);
  assert.deepEqual(failing(verdicts), ['secrets']);
  assert.match(line(lines, 'secrets'), /^FAIL\s+secrets\s+no OS keyring answered \(.+\); secrets go to the encrypted file .*secrets\.enc — .*AWSSSO_SECRET_STORE=file/);
  // The session kept in that file is still found and taken by the portal.
  assert.equal(verdicts.find((v) => v.check === 'session')!.status, 'ok');
});

test('without a profile, config fails with what to run, the checks that need it are skipped, and nothing is written', async () => {
  const emu = await startEmulator();
  const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file', DISPLAY: ':99' });
  opened.push({ emu, sb });
  const { verdicts, lines, code } = await doctor(sb);
  assert.equal(code, 1);
  assert.deepEqual(failing(verdicts), ['config']);
  assert.match(line(lines, 'config'), /^FAIL\s+config\s+no configuration at .* — run `awssso configure -p dev`$/);
  assert.deepEqual(existsSync(sb.configDir) ? readdirSync(sb.configDir) : [], [], 'doctor wrote nothing');
});
