// A process killed (SIGKILL) in the middle of a run leaves every file it was writing whole: the
// role credential cache, the AWS credentials file (read back by botocore), the cookie jar and the
// secret file. First at random moments, then deterministically: strace holds the rename of one
// file while the new version sits complete in its temp file, and the process is killed there.
// The locks the killed process held are taken over by the next run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { binRun } from '../helpers/paths.js';
import { Proc, run } from '../helpers/processes.js';
import { readRoleCache, roleCachePath } from '../../src/store/role-cache.js';
import { cookieJarPath, loadCookieJar } from '../../src/store/cookie-jar.js';
import { openSecretStore } from '../../src/store/secrets.js';
import { secretName } from '../../src/store/secret-store.js';
import { lockDir } from '../../src/store/paths.js';

const ACCOUNT = '111122223333';
const ROLE = 'ReadOnlyAccess';

let emu: RunningEmulator;
let sb: Sandbox;
let files: { credentials: string; roleCache: string; jar: string; secrets: string; config: string };
/** Every set of role credentials seen in the cache: the credentials file may only hold one of them. */
const issued = new Set<string>();

const triple = (key: string, secret: string, token: string) => `${key} ${secret} ${token}`;
const locksLeft = () => readdirSync(lockDir(sb.env)).filter((name) => name.endsWith('.lock'));

before(async () => {
  emu = await startEmulator();
  sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
  const configured = await sb.configure('dev', ['--account-id', ACCOUNT, '--role-name', ROLE]);
  assert.equal(configured.code, 0, configured.stderr);
  const first = await sb.awssso(['login', '-p', 'dev']);
  assert.equal(first.code, 0, first.stderr);
  files = {
    credentials: sb.env.AWS_SHARED_CREDENTIALS_FILE!,
    roleCache: roleCachePath({ startUrl: emu.startUrl, accountId: ACCOUNT, roleName: ROLE }, sb.env),
    jar: cookieJarPath(DEMO.username, emu.startUrl, sb.env),
    secrets: join(sb.configDir, 'secrets.enc'),
    config: join(sb.configDir, 'config'),
  };
});

after(async () => {
  await sb?.remove();
  await emu?.close();
});

/** Every file the run writes is whole, 0600, and readable by its reader (botocore for the credentials file). */
async function assertAllWhole(when: string): Promise<void> {
  const cache = readRoleCache({ startUrl: emu.startUrl, accountId: ACCOUNT, roleName: ROLE }, sb.env);
  assert.equal(cache.warning, undefined, `${when}: role cache`);
  assert.ok(cache.credentials, `${when}: role cache present`);
  issued.add(triple(cache.credentials.accessKeyId, cache.credentials.secretAccessKey, cache.credentials.sessionToken));

  const py = await run('python3', ['-c', [
    'import botocore.session',
    'c = botocore.session.Session(profile="dev").get_credentials()',
    'print(c.method, c.access_key, c.secret_key, c.token)',
  ].join('\n')], { env: sb.env });
  assert.equal(py.code, 0, `${when}: botocore reads the credentials file\n${py.stderr}`);
  const [method, ...creds] = py.stdout.trim().split(' ');
  assert.equal(method, 'shared-credentials-file', when);
  assert.ok(issued.has(creds.join(' ')), `${when}: the credentials file holds one whole set of issued credentials`);

  const jar = await loadCookieJar(files.jar);
  assert.equal(jar.warning, undefined, `${when}: cookie jar`);
  assert.ok((await jar.jar.getCookies(emu.url)).length > 0, `${when}: the jar still holds the trusted-device cookie`);

  const secrets = await openSecretStore({ warn: () => {}, env: sb.env });
  assert.equal(await secrets.get(secretName('password', DEMO.username, emu.startUrl)), DEMO.password, `${when}: secret file`);

  for (const path of Object.values(files)) assert.equal(statSync(path).mode & 0o777, 0o600, `${when}: ${basename(path)} mode`);
}

test('SIGKILL at random moments of login -f (sign-in, cookie jar, session, cache, credentials file) never leaves a broken file', async (t) => {
  await assertAllWhole('before');
  const started = Date.now();
  const whole = await sb.awssso(['login', '-p', 'dev', '-f']);
  assert.equal(whole.code, 0, whole.stderr);
  const span = Date.now() - started;
  await assertAllWhole('after a whole run');

  let killedBeforeEnd = 0;
  for (let i = 0; i < 15; i++) {
    const proc = new Proc(process.execPath, [binRun, 'login', '-p', 'dev', '-f'], { env: sb.env, timeoutMs: 60_000 });
    await Promise.race([sleep((0.2 + Math.random() * 0.9) * span), proc.exited]);
    if (proc.running) killedBeforeEnd++;
    proc.kill('SIGKILL');
    const exit = await proc.exited;
    assert.ok(exit.signal === 'SIGKILL' || exit.code === 0, `round ${i}: ${exit.stderr}`);
    await assertAllWhole(`round ${i}`);
  }
  t.diagnostic(`${killedBeforeEnd} of 15 runs were killed before they finished (a whole run took ${span} ms)`);
  assert.ok(killedBeforeEnd > 0, 'some runs were killed midway');

  // Whatever locks the killed runs left are taken over: the next run signs in and finishes.
  const next = await sb.awssso(['login', '-p', 'dev', '-f'], { timeoutMs: 30_000 });
  assert.equal(next.code, 0, next.stderr);
  await assertAllWhole('after the next whole run');
});

/** strace(1) that holds every rename for a minute, or a reason it cannot. */
async function straceProblem(): Promise<string | undefined> {
  const probe = await run('strace', ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=rename', 'true']).catch((e: Error) => ({ code: -1, stderr: e.message }));
  return probe.code === 0 ? undefined : `strace cannot trace here: ${probe.stderr.trim()}`;
}

/**
 * Runs awssso under strace with every rename held, waits until the new version of `target` sits
 * complete in its temp file (so the writer is between write and rename), and kills the writer.
 */
async function killBetweenWriteAndRename(args: string[], target: string, complete: (text: string) => boolean) {
  const previous = readFileSync(target, 'utf8');
  const dir = dirname(target);
  const tempOf = new RegExp(`^\\.${basename(target).replace(/[.]/g, '\\.')}\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
  const earlier = new Set(readdirSync(dir));
  const proc = new Proc('strace', [
    '-f', '-qq', '-o', '/dev/null',
    '-e', 'trace=rename,renameat,renameat2',
    '-e', 'inject=rename,renameat,renameat2:delay_enter=60000000',
    process.execPath, binRun, ...args,
  ], { env: sb.env, timeoutMs: 90_000 });
  try {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const temp = readdirSync(dir).find((name) => tempOf.test(name) && !earlier.has(name));
      const text = temp ? readFileSync(join(dir, temp), 'utf8') : '';
      if (temp && complete(text)) {
        process.kill(Number(tempOf.exec(temp)![1]), 'SIGKILL');
        proc.kill('SIGKILL');
        await proc.exited;
        return { previous, now: readFileSync(target, 'utf8'), temp: join(dir, temp), pending: text };
      }
      assert.ok(proc.running, `awssso ended before writing ${basename(target)}: ${proc.stderr}`);
      assert.ok(Date.now() < deadline, `no complete temp file for ${basename(target)}`);
      await sleep(50);
    }
  } finally {
    proc.kill('SIGKILL');
    await proc.exited;
  }
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

interface Stall {
  name: string;
  /** a run whose first rename is this file's */
  args: string[];
  /** what makes that run's version differ from the file's */
  before?: string[];
  file: () => string;
  complete: (text: string) => boolean;
}

const stalls: Stall[] = [
  { name: 'the role credential cache', args: ['login', '-p', 'dev', '-r', '--json'], file: () => files.roleCache, complete: parses },
  {
    name: 'the AWS credentials file',
    // Renewed cached credentials, not yet in the file; then a plain login writes only the file.
    before: ['login', '-p', 'dev', '-r', '--json'],
    args: ['login', '-p', 'dev'],
    file: () => files.credentials,
    complete: (text) => /^aws_session_token = \S+$/m.test(text),
  },
  { name: 'the cookie jar', args: ['login', '-p', 'dev', '-f', '--json'], file: () => files.jar, complete: parses },
];

for (const stall of stalls) {
  test(`killed between writing ${stall.name} and renaming it into place: the previous file stays, and the next run takes over the locks`, async (t) => {
    const problem = await straceProblem();
    if (problem) return t.skip(problem);
    if (stall.before) assert.equal((await sb.awssso(stall.before)).code, 0);
    await assertAllWhole('before');
    const target = stall.file();
    const seen = await killBetweenWriteAndRename(stall.args, target, stall.complete);
    assert.notEqual(seen.pending, seen.previous, 'a new version was on its way');
    assert.equal(seen.now, seen.previous, 'the file is the previous version, byte for byte');
    assert.equal(readFileSync(seen.temp, 'utf8'), seen.pending, 'the new version never replaced it');
    await assertAllWhole('after the kill');
    assert.ok(locksLeft().length > 0, 'the killed process left its lock behind');

    const next = await sb.awssso(stall.args, { timeoutMs: 30_000 });
    assert.equal(next.code, 0, next.stderr);
    assert.notEqual(readFileSync(target, 'utf8'), seen.previous, 'the next run replaced the file');
    assert.deepEqual(locksLeft(), [], 'and released every lock');
    await assertAllWhole('after the next run');
  });
}
