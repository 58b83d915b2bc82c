// `status` and `logout --all` through the built CLI against the emulator: status names the
// session's expiry as the portal reports it, and offline still shows what is stored; logout --all
// ends the session at the portal and leaves no secret of that user in the store, nor cookies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { devSandbox, sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { secretServiceDirs } from '../helpers/keyring.js';
import { binRun } from '../helpers/paths.js';
import { freePort, run } from '../helpers/processes.js';
import { FileSecretStore } from '../../src/store/secret-file.js';
import { secretName } from '../../src/store/secret-store.js';
import { cookieJarPath } from '../../src/store/cookie-jar.js';

let emu: RunningEmulator;
let sb: Sandbox;

before(async () => {
  emu = await startEmulator();
  sb = await devSandbox(emu);
  assert.equal((await sb.awssso(['login', '-p', 'dev', '--json'])).code, 0);
  assert.equal((await sb.awssso(['configure', '-p', 'bare', '--url', emu.startUrl, '--region', emu.region, '--username', DEMO.username,
    '--account-id', '444455556666', '--role-name', 'PowerUserAccess'])).code, 0);
});

after(async () => {
  await sb?.remove();
  await emu?.close();
});

interface Status {
  profile: string;
  username: string;
  session: { stored: boolean; checked: boolean; expiresAt?: string; user?: string; error?: string };
  roleCredentials?: { cached: boolean; expiresAt?: string };
  secretStore: string;
}

test('status --json names the user, the session\'s expiry from whoAmI, the cached role credentials and the store', async () => {
  const mark = emu.requests.length;
  const shown = await sb.awssso(['status', '--json']);
  assert.equal(shown.code, 0, shown.stderr);
  const statuses = JSON.parse(shown.stdout) as Status[];
  assert.deepEqual(statuses.map((s) => s.profile), ['dev', 'bare']);
  const [dev, bare] = statuses as [Status, Status];
  assert.equal(dev.session.stored, true);
  assert.equal(dev.session.checked, true);
  assert.equal(dev.session.user, DEMO.username);
  const left = Date.parse(dev.session.expiresAt!) - Date.now();
  assert.ok(left > 7.9 * 3600_000 && left <= 8 * 3600_000, `the emulator's 8-hour session: ${dev.session.expiresAt}`);
  assert.equal(dev.roleCredentials?.cached, true);
  assert.ok(Date.parse(dev.roleCredentials!.expiresAt!) > Date.now() + 15 * 60_000);
  assert.equal(bare.roleCredentials?.cached, false);
  assert.equal(dev.secretStore, 'file');
  assert.deepEqual(emu.requests.slice(mark).map((r) => r.op), ['WhoAmI'], 'one whoAmI for the two profiles of one user; no sign-in');

  const text = await sb.awssso(['status', '-p', 'dev']);
  assert.match(text.stdout, new RegExp(`^dev: ${DEMO.username} at ${emu.startUrl} \\(${emu.region}\\)\\n  session: signed in as ${DEMO.username} until `));
});

test('offline, status still shows what is stored and says the session could not be checked', async () => {
  const shown = await sb.awssso(['status', '-p', 'dev', '--json'], { env: { AWS_ENDPOINT_URL_SSO: `http://127.0.0.1:${await freePort()}` } });
  assert.equal(shown.code, 0, shown.stderr);
  const [dev] = JSON.parse(shown.stdout) as Status[];
  assert.equal(dev!.session.stored, true);
  assert.equal(dev!.session.checked, false);
  // Node 24.20+ with got 14 loses the host of a refused connection (src/http/escaped-errors.ts)
  assert.match(dev!.session.error!, /cannot reach (127\.0\.0\.1:\d+: ECONNREFUSED|the server: the connection closed before it was established)/);
  assert.ok(dev!.session.expiresAt);
});

test('logout --all ends the portal session and leaves no secret and no cookie of that user', async () => {
  const mark = emu.requests.length;
  const out = await sb.awssso(['logout', '-p', 'dev', '--all']);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stderr, /signed out; removed 1 cached role credential file\(s\)/);
  assert.match(out.stderr, /forgot the password, TOTP seed and cookies of demo@example\.com/);
  assert.deepEqual(emu.requests.slice(mark).filter((r) => r.op === 'Logout').map((r) => r.status), [200]);
  const store = new FileSecretStore(join(sb.configDir, 'secrets.enc'), sb.env);
  for (const kind of ['password', 'totp-seed', 'portal-session'] as const) {
    assert.equal(await store.get(secretName(kind, DEMO.username, emu.startUrl)), undefined, `${kind} is gone`);
  }
  assert.equal(existsSync(cookieJarPath(DEMO.username, emu.startUrl, sb.env)), false);
  const [dev] = JSON.parse((await sb.awssso(['status', '-p', 'dev', '--json'])).stdout) as Status[];
  assert.equal(dev!.session.stored, false);
});

test('logout --all removes the browser profile when no other user is configured', async () => {
  const dir = join(sb.configDir, 'browser-profile');
  await mkdir(dir, { recursive: true });
  const out = await sb.awssso(['logout', '-p', 'bare', '--all']);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stderr, /removed the browser profile/);
  assert.equal(existsSync(dir), false);
});

test('logout --all leaves no secret of that user in the keyring', async () => {
  const kb = await sandbox(emu);
  try {
    const env = {
      ...kb.env,
      ...(await secretServiceDirs(kb.home)),
      AWSSSO_PASSWORD: DEMO.password,
      AWSSSO_TOTP_SEED: DEMO.seed,
      NAMES: JSON.stringify((['password', 'totp-seed', 'portal-session'] as const).map((kind) => secretName(kind, DEMO.username, emu.startUrl))),
    };
    const awssso = `"${process.execPath}" "${binRun}"`;
    const check = `cd "${process.cwd()}" && "${process.execPath}" --input-type=module -e "
      const { Entry } = await import('@napi-rs/keyring');
      const left = JSON.parse(process.env.NAMES).filter((n) => new Entry('awssso', n, { linux: { store: 'secret-service' } }).getPassword());
      console.log('secrets left: ' + left.length);"`;
    const script = [
      'echo test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      `${awssso} configure -p dev --url "${emu.startUrl}" --region ${emu.region} --username ${DEMO.username} --account-id 111122223333 --role-name ReadOnlyAccess`,
      check,
      `${awssso} logout -p dev --all`,
      check,
    ].join(' && ');
    const res = await run('dbus-run-session', ['--', 'sh', '-c', script], { env, timeoutMs: 90_000 });
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(res.stdout.match(/secrets left: \d/g), ['secrets left: 3', 'secrets left: 0']);
    assert.equal(existsSync(join(kb.configDir, 'secrets.enc')), false, 'the keyring held them, not the file');
  } finally {
    await kb.remove();
  }
});
