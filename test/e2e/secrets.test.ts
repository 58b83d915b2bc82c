// Where secrets go: a real Secret Service (gnome-keyring on a private D-Bus session) when one
// runs, else the encrypted 0600 file, announced once; and after a full run no secret is
// anywhere else: not on stdout/stderr (but for the credentials asked for), not in any file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, secretServiceDirs, DEMO } from '../helpers/cli.js';
import { binRun } from '../helpers/paths.js';
import { run } from '../helpers/processes.js';
import { FileSecretStore } from '../../src/store/secret-file.js';
import { secretName } from '../../src/store/secret-store.js';

const ROLE = ['--account-id', '111122223333', '--role-name', 'ReadOnlyAccess'];
let emu: RunningEmulator;

before(async () => { emu = await startEmulator(); });
after(async () => { await emu?.close(); });

/** Every file below `dir`, with its path. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

test('with a Secret Service running, secrets go to the keyring and no secrets file is made', async () => {
  const sb = await sandbox(emu);
  try {
    const env = {
      ...sb.env,
      ...(await secretServiceDirs(sb.home)),
      AWSSSO_PASSWORD: DEMO.password,
      AWSSSO_TOTP_SEED: DEMO.seed,
      CHECK: `import { Entry } from '@napi-rs/keyring';
        const stored = new Entry('awssso', ${JSON.stringify(secretName('password', DEMO.username, emu.startUrl))}).getPassword();
        console.log(stored === process.env.AWSSSO_PASSWORD ? 'keyring holds the password' : 'keyring lacks the password');`,
    };
    const awssso = `"${process.execPath}" "${binRun}"`;
    const script = [
      'echo test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      `${awssso} configure -p dev --url "${emu.startUrl}" --region ${emu.region} --username ${DEMO.username} ${ROLE.join(' ')}`,
      `${awssso} login -p dev --json -f > "$HOME/creds.json"`,
      `cd "${process.cwd()}" && "${process.execPath}" --input-type=module -e "$CHECK"`,
    ].join(' && ');
    const res = await run('dbus-run-session', ['--', 'sh', '-c', script], { env, timeoutMs: 90_000 });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /keyring holds the password/);
    assert.doesNotMatch(res.stderr, /no OS keyring answered/);
    assert.equal(existsSync(join(sb.configDir, 'secrets.enc')), false);
    assert.equal(JSON.parse(readFileSync(join(sb.home, 'creds.json'), 'utf8')).Version, 1);
  } finally {
    await sb.remove();
  }
});

test('with no keyring, the encrypted 0600 file is used, announced once, and no secret is left anywhere else', async () => {
  const sb = await sandbox(emu);
  try {
    const outputs: string[] = [];
    const step = async (args: string[], env?: NodeJS.ProcessEnv) => {
      const res = await (args[0] === 'configure' ? sb.configure('dev', ROLE, env) : sb.awssso(args));
      assert.equal(res.code, 0, res.stderr);
      outputs.push(res.stderr);
      return res;
    };
    await step(['configure']);
    await step(['login', '-p', 'dev']);
    await step(['login', '-p', 'dev', '-f', '--record', join(sb.home, 'signin.har')]);
    const json = await step(['login', '-p', 'dev', '--json']);
    await step(['login', '-p', 'dev', '-e']);
    await step(['login', '-p', 'dev', '-c']);

    const announced = outputs.join('').match(/no OS keyring answered/g) ?? [];
    assert.equal(announced.length, 1, 'the fallback is announced once, on the run that made the file');
    const file = join(sb.configDir, 'secrets.enc');
    assert.equal(statSync(file).mode & 0o777, 0o600);

    const session = JSON.parse((await new FileSecretStore(file, sb.env).get(secretName('portal-session', DEMO.username, emu.startUrl)))!);
    const secrets = { password: DEMO.password, seed: DEMO.seed, 'session token': session.token as string };
    const creds = JSON.parse(json.stdout);
    for (const [what, value] of Object.entries(secrets)) {
      assert.ok(!outputs.join('\n').includes(value), `the ${what} is not on stderr`);
      for (const path of filesBelow(sb.home)) {
        if (path === file) continue;
        assert.ok(!readFileSync(path, 'latin1').includes(value), `the ${what} is not in ${path}`);
      }
    }
    for (const path of filesBelow(sb.home)) {
      if (readFileSync(path, 'latin1').includes(creds.SecretAccessKey)) {
        assert.equal(statSync(path).mode & 0o777, 0o600, `${path} holds credentials, so it is 0600`);
      }
    }
    assert.ok(!readFileSync(join(sb.home, 'signin.har'), 'utf8').includes(creds.SessionToken));
  } finally {
    await sb.remove();
  }
});

test('AWSSSO_DEBUG logs every request and answer, with no secret in the lines', async () => {
  const sb = await sandbox(emu);
  try {
    const configured = await sb.configure('dev', ROLE);
    assert.equal(configured.code, 0, configured.stderr);
    const creds = JSON.parse((await sb.awssso(['login', '-p', 'dev', '--json'])).stdout);
    const signIn = await sb.awssso(['login', '-p', 'dev', '--json', '-f'], { env: { AWSSSO_DEBUG: '1' } });
    const consoleUrl = await sb.awssso(['login', '-p', 'dev', '-c'], { env: { AWSSSO_DEBUG: '1' } });
    assert.deepEqual([signIn.code, consoleUrl.code], [0, 0], signIn.stderr + consoleUrl.stderr);
    const log = signIn.stderr + consoleUrl.stderr;
    assert.match(log, /^awssso: -> POST http:\/\/127\.0\.0\.1:\d+\/platform\/d-0123456789\/api\/execute$/m);
    assert.match(log, /^awssso: -> GET .*\/federation\?Action=getSigninToken&Session=REDACTED$/m);
    const signinToken = new URL(consoleUrl.stdout.trim()).searchParams.get('SigninToken')!;
    for (const secret of [DEMO.password, DEMO.seed, creds.SecretAccessKey, creds.SessionToken, signinToken]) {
      assert.ok(!log.includes(secret), 'no secret in the debug lines');
    }
  } finally {
    await sb.remove();
  }
});
