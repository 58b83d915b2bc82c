// A user of the Python awssso upgrades without retyping anything: its profile (instance_id,
// profile_id) and its password, which Python's `keyring` left in the Secret Service (attributes
// service, username, application), are found, used and moved under awssso's own name. A real
// gnome-keyring on a private D-Bus session; the entry is written with secret-tool as Python's
// keyring writes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { secretServiceDirs } from '../helpers/keyring.js';
import { binRun } from '../helpers/paths.js';
import { run } from '../helpers/processes.js';
import { secretName } from '../../src/store/secret-store.js';
import { signInToEmulator } from '../helpers/portal-session.js';

let emu: RunningEmulator;
let sb: Sandbox;
const USER = { username: DEMO.username, password: DEMO.password, mfa: 'off' as const };

before(async () => {
  emu = await startEmulator({ scenario: { users: [USER] } });
  sb = await sandbox(emu);
});

after(async () => {
  await sb?.remove();
  await emu?.close();
});

const signIns = () => emu.requests.filter((r) => r.op === 'SsoToken' && r.status === 200).length;

test('the Python awssso\'s keyring password and profile work at once and move to awssso\'s names', async () => {
  await mkdir(sb.configDir, { recursive: true });
  // Staging / PowerUserAccess as the Python awssso named them (the emulator's seed-era ids)
  await writeFile(join(sb.configDir, 'config'), `[dev]\nurl = ${emu.startUrl}/#/\nregion = ${emu.region}\nusername = ${DEMO.username}\ninstance_id = ins-a4f4ff16e401ad59\nprofile_id = p-e6c5a34d83ebab0f\n`);
  const host = new URL(emu.startUrl).hostname;
  const env = {
    ...sb.env,
    ...(await secretServiceDirs(sb.home)),
    PY_SERVICE: `awssso.${host}.credentials`,
    OUR_NAME: secretName('password', DEMO.username, emu.startUrl),
    PASSWORD: DEMO.password,
  };
  const script = [
    'echo test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
    `printf %s "$PASSWORD" | secret-tool store --label="Password for '${DEMO.username}' on '$PY_SERVICE'" service "$PY_SERVICE" username ${DEMO.username} application 'Python keyring library'`,
    `"${process.execPath}" "${binRun}" login -p dev --json > "$HOME/creds.json"`,
    `echo "python entry: $(secret-tool lookup service "$PY_SERVICE" username ${DEMO.username} || echo gone)"`,
    `cd "${process.cwd()}" && "${process.execPath}" --input-type=module -e "
      const { Entry } = await import('@napi-rs/keyring');
      const ours = new Entry('awssso', process.env.OUR_NAME, { linux: { store: 'secret-service' } }).getPassword();
      console.log(ours === process.env.PASSWORD ? 'ours holds the password' : 'ours lacks the password');"`,
  ].join(' && ');
  const res = await run('dbus-run-session', ['--', 'sh', '-c', script], { env, timeoutMs: 90_000 });
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stderr, /moved the password the Python awssso kept for demo@example\.com in the keyring under awssso's own name/);
  assert.match(res.stderr, /replaced the Python awssso's instance_id\/profile_id by account_id 444455556666 and role_name PowerUserAccess/);
  assert.match(res.stdout, /python entry: gone/);
  assert.match(res.stdout, /ours holds the password/);
  assert.doesNotMatch(res.stdout + res.stderr, new RegExp(DEMO.password.replace(/[!]/g, '\\$&')));
  assert.equal(JSON.parse(await readFile(join(sb.home, 'creds.json'), 'utf8')).Version, 1);
  const config = await readFile(join(sb.configDir, 'config'), 'utf8');
  assert.match(config, /account_id = 444455556666/);
  assert.doesNotMatch(config, /instance_id/);
});

test('the Python awssso\'s portal session (authn-token) is used without a sign-in and moved under awssso\'s name', async () => {
  const kb = await sandbox(emu);
  try {
    await mkdir(kb.configDir, { recursive: true });
    await writeFile(join(kb.configDir, 'config'), `[dev]\nurl = ${emu.startUrl}\nregion = ${emu.region}\nusername = ${DEMO.username}\naccount_id = 111122223333\nrole_name = ReadOnlyAccess\n`);
    const token = await signInToEmulator(emu, { username: USER.username, password: USER.password });
    const env = {
      ...kb.env,
      ...(await secretServiceDirs(kb.home)),
      PY_SERVICE: `awssso.${new URL(emu.startUrl).hostname}.authn-token`,
      TOKEN: token,
    };
    const before = signIns();
    const script = [
      'echo test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      `printf %s "$TOKEN" | secret-tool store --label="Password for '${DEMO.username}' on '$PY_SERVICE'" service "$PY_SERVICE" username ${DEMO.username} application 'Python keyring library'`,
      // --json: no prompt and no password stored, so only the Python session can make this work
      `"${process.execPath}" "${binRun}" login -p dev --json > "$HOME/creds.json"`,
      `echo "python entry: $(secret-tool lookup service "$PY_SERVICE" username ${DEMO.username} || echo gone)"`,
    ].join(' && ');
    const res = await run('dbus-run-session', ['--', 'sh', '-c', script], { env, timeoutMs: 90_000 });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(signIns(), before, 'no sign-in');
    assert.match(res.stdout, /python entry: gone/);
    assert.equal(JSON.parse(await readFile(join(kb.home, 'creds.json'), 'utf8')).Version, 1);
  } finally {
    await kb.remove();
  }
});
