// credential_process at the speed of node itself (issues 5 and 13), through the built CLI against
// the emulator: a warm `login --json`/`-e` is answered by bin/run.cjs without oclif or any HTTP,
// browser or keyring module, byte for byte as the full command answers; a miss or -r with a
// stored portal session is answered by the second fast path (one GetRoleCredentials, no oclif,
// got or sign-in module), which hands over to the full command when it cannot finish; a cold
// crowd signs in once; a run that needs a person says in one line what to run, without
// prompting or starting a browser; flags oclif refuses are refused warm or cold alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { binRun, repoRoot } from '../helpers/paths.js';
import { run } from '../helpers/processes.js';
import { runTraced, type Traced } from '../helpers/load-trace.js';
import { readRoleCache, writeRoleCache } from '../../src/store/role-cache.js';
import { FileSecretStore } from '../../src/store/secret-file.js';
import { sessionSecretName } from '../../src/auth/session-store.js';
import { EXIT } from '../../src/errors.js';

const ACCOUNT = '111122223333';
const ROLE = 'ReadOnlyAccess';
/** What the full command loads to fetch credentials. */
const FULL = ['@napi-rs/keyring', '@oclif/core', 'got', 'tough-cookie'];
/** What the second fast path may load of HEAVY: the keyring binding, to read the stored session. */
const fetchedHeavy = (run: Traced) => run.heavy.filter((name) => name !== '@napi-rs/keyring');

let emu: RunningEmulator;
let sb: Sandbox;

const count = (op: string, from: number) => emu.requests.slice(from).filter((r) => r.op === op && r.status === 200).length;
/** stderr lines, without the one-time note about where secrets are kept. */
const lines = (stderr: string) => stderr.split(/\r?\n/).filter((l) => l && !/no OS keyring answered/.test(l));
const cacheKey = () => ({ startUrl: emu.startUrl, accountId: ACCOUNT, roleName: ROLE });

let traces = 0;
/**
 * Runs the CLI with every loaded module logged: through bin/run.cjs as a user does, or (`full`)
 * through oclif directly, which is the full command without the fast path.
 */
async function traced(args: string[], opts: { full?: boolean; env?: NodeJS.ProcessEnv; box?: Sandbox } = {}): Promise<Traced> {
  const box = opts.box ?? sb;
  const log = join(box.home, `loaded-${++traces}.txt`);
  const entry = opts.full
    ? ['--input-type=module', '-e', `const { execute } = await import('@oclif/core');
        await execute({ dir: ${JSON.stringify(pathToFileURL(binRun).href)}, args: ${JSON.stringify(args)} });`]
    : [binRun, ...args];
  return runTraced(entry, { env: { ...box.env, ...opts.env }, cwd: repoRoot, log });
}

before(async () => {
  emu = await startEmulator();
  sb = await sandbox(emu);
  const configured = await sb.configure('dev', ['--account-id', ACCOUNT, '--role-name', ROLE]);
  assert.equal(configured.code, 0, configured.stderr);
});

after(async () => {
  await sb?.remove();
  await emu?.close();
});

test('twenty simultaneous login --json with a cold cache: one sign-in, one GetRoleCredentials, the same credentials for all', async () => {
  const out = await sb.awssso(['logout', '-p', 'dev']);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(readRoleCache(cacheKey(), sb.env).credentials, undefined, 'cold: no cached role credentials');
  const mark = emu.requests.length;

  const crowd = await Promise.all(Array.from({ length: 20 }, () => sb.awssso(['login', '-p', 'dev', '--json'], { timeoutMs: 180_000 })));

  crowd.forEach((res, i) => assert.equal(res.code, 0, `process ${i}: ${res.stderr}`));
  assert.equal(count('SsoToken', mark), 1, 'one sign-in');
  assert.equal(count('GetRoleCredentials', mark), 1, 'one GetRoleCredentials');
  assert.equal(new Set(crowd.map((r) => r.stdout)).size, 1, 'all twenty print the same credentials');
  const creds = JSON.parse(crowd[0]!.stdout);
  assert.equal(creds.AccessKeyId, readRoleCache(cacheKey(), sb.env).credentials?.accessKeyId);
});

test('a warm hit loads no oclif, HTTP, browser or keyring module and makes no request; a miss does load them', async () => {
  assert.equal((await sb.awssso(['login', '-p', 'dev', '--json'])).code, 0);
  const mark = emu.requests.length;
  for (const args of [['--json'], ['-e'], ['-e', '--format', 'fish']]) {
    const hit = await traced(['login', '-p', 'dev', ...args]);
    assert.equal(hit.code, 0, hit.stderr);
    assert.deepEqual(hit.heavy, [], `login ${args.join(' ')} loaded ${hit.heavy.join(', ')}`);
    assert.equal(hit.stderr, '');
  }
  assert.equal(emu.requests.length, mark, 'no request at all');

  // The same trace sees them when the command runs through oclif, so it can see them at all.
  const miss = await traced(['login', '-p', 'dev', '--json', '-f', '-r'], { full: true });
  assert.equal(miss.code, 0, miss.stderr);
  assert.deepEqual(miss.heavy.filter((name) => FULL.includes(name)).sort(), FULL);
});

test('the fast path prints byte for byte what the full command prints, for --json and -e in every format', async () => {
  assert.equal((await sb.awssso(['login', '-p', 'dev', '--json'])).code, 0);
  const mark = emu.requests.length;
  const variants = [
    ['--json'],
    ['-j', '--no-spinner'],
    ['-e'],
    ['--export', '--format', 'bash'],
    ['-e', '--format', 'fish'],
    ['-e', '--format=powershell'],
    ['--json', '--region', 'us-east-1', '-a', 'elsewhere'],
  ];
  const seen = new Set<string>();
  for (const variant of variants) {
    const args = ['login', '-p', 'dev', ...variant];
    const fast = await traced(args);
    const full = await traced(args, { full: true });
    assert.equal(fast.code, 0, fast.stderr);
    assert.equal(full.code, 0, full.stderr);
    assert.deepEqual(fast.heavy, [], `${variant.join(' ')}: answered by the fast path`);
    assert.ok(full.heavy.includes('@oclif/core'), `${variant.join(' ')}: answered by the full command`);
    assert.equal(fast.stdout, full.stdout, variant.join(' '));
    seen.add(fast.stdout);
  }
  assert.equal(seen.size, 4, 'JSON, bash, fish and PowerShell differ from each other');
  assert.equal(emu.requests.length, mark, 'both answered from the same cache');
});

test('under 15 minutes left the stored session renews them without oclif or got; 16 minutes are handed out', async () => {
  const stale = { accessKeyId: 'ASIATENMINUTESLEFT00', secretAccessKey: 'stale-secret', sessionToken: 'stale-token', expiration: Date.now() + 10 * 60_000 };
  await writeRoleCache(cacheKey(), stale, sb.env);
  let mark = emu.requests.length;
  const renewed = await traced(['login', '-p', 'dev', '--json']);
  assert.equal(renewed.code, 0, renewed.stderr);
  assert.deepEqual(fetchedHeavy(renewed), [], 'the second fast path answered');
  assert.equal(count('GetRoleCredentials', mark), 1);
  assert.equal(count('SsoToken', mark), 0, 'no sign-in');
  const creds = JSON.parse(renewed.stdout);
  assert.notEqual(creds.AccessKeyId, stale.accessKeyId);
  assert.ok(Date.parse(creds.Expiration) - Date.now() >= 15 * 60_000, `handed out with 15+ minutes left (${creds.Expiration})`);
  assert.equal(readRoleCache(cacheKey(), sb.env).credentials?.accessKeyId, creds.AccessKeyId, 'the renewed credentials are cached');

  const enough = { ...stale, accessKeyId: 'ASIASIXTEENMINUTES00', expiration: Date.now() + 16 * 60_000 };
  await writeRoleCache(cacheKey(), enough, sb.env);
  mark = emu.requests.length;
  const served = await traced(['login', '-p', 'dev', '--json']);
  assert.equal(served.code, 0, served.stderr);
  assert.deepEqual(served.heavy, []);
  assert.equal(JSON.parse(served.stdout).AccessKeyId, enough.accessKeyId);
  assert.equal(emu.requests.length, mark);
});

test('-r with a stored session: one GetRoleCredentials without oclif, got or a sign-in, printed as the full command prints it', async () => {
  assert.equal((await sb.awssso(['login', '-p', 'dev', '--json'])).code, 0);
  const seen = new Set<string>();
  // Each -r run next to the same flags without -r, which the full command answers from the cache.
  const variants = [
    [['-p', 'dev', '-r', '--json'], ['-p', 'dev', '--json']],
    [['-p', 'dev', '-jr'], ['-p', 'dev', '-j']],
    [['-p', 'dev', '-r', '-e', '--format=fish'], ['-p', 'dev', '-e', '--format=fish']],
    [['--export', '-r', '--no-spinner', '-pdev'], ['--export', '--no-spinner', '-pdev']],
  ];
  for (const [renew, cached] of variants) {
    const args = ['login', ...renew!];
    const mark = emu.requests.length;
    const fetched = await traced(args);
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.equal(fetched.stderr, '');
    assert.deepEqual(fetchedHeavy(fetched), [], `${args.join(' ')} loaded ${fetched.heavy.join(', ')}`);
    assert.equal(count('GetRoleCredentials', mark), 1, args.join(' '));
    assert.equal(count('SsoToken', mark), 0, 'no sign-in');
    const full = await traced(['login', ...cached!], { full: true });
    assert.equal(full.code, 0, full.stderr);
    assert.ok(full.heavy.includes('@oclif/core'));
    assert.equal(fetched.stdout, full.stdout, args.join(' '));
    assert.equal(count('GetRoleCredentials', mark), 1, 'the full command answered from the cache the fast path wrote');
    seen.add(fetched.stdout);
  }
  assert.equal(seen.size, 4, 'every run fetched new credentials');
});

test('-r with a session the portal revoked: the second fast path hands over, and the sign-in path signs in once', async () => {
  assert.equal((await sb.awssso(['login', '-p', 'dev', '--json'])).code, 0);
  emu.revokeSessions();
  const mark = emu.requests.length;
  const res = await traced(['login', '-p', 'dev', '--json', '-r']);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(lines(res.stderr), []);
  assert.deepEqual(res.bundles, ['code-cache.cjs', 'fast-path-fetch.cjs', 'fast-path-sign-in.cjs', 'fast-path.cjs'], 'the sign-in path took over');
  assert.ok(!res.heavy.includes('@oclif/core'), 'without oclif');
  assert.equal(emu.requests.slice(mark).filter((r) => r.op === 'GetRoleCredentials' && r.status === 401).length, 2,
    'the stored-session path and the sign-in path each tried the stored session once');
  assert.equal(count('SsoToken', mark), 1, 'one sign-in');
  assert.equal(count('GetRoleCredentials', mark), 1);
  assert.equal(JSON.parse(res.stdout).AccessKeyId, readRoleCache(cacheKey(), sb.env).credentials?.accessKeyId);
});

test('-f signs in without oclif, through the login command\'s own code, and prints what the full command prints', async () => {
  for (const flags of [['--json'], ['-e', '--format', 'powershell']]) {
    const mark = emu.requests.length;
    const signedIn = await traced(['login', '-p', 'dev', '-f', '-r', ...flags]);
    assert.equal(signedIn.code, 0, signedIn.stderr);
    assert.deepEqual(lines(signedIn.stderr), []);
    assert.ok(signedIn.bundles.includes('fast-path-sign-in.cjs') && !signedIn.heavy.includes('@oclif/core'), 'no oclif');
    assert.ok(!signedIn.bundles.includes('fast-path-fetch.cjs'), '-f does not read the stored session first');
    assert.equal(count('SsoToken', mark), 1, 'one sign-in');
    assert.equal(count('GetRoleCredentials', mark), 1);
    const full = await traced(['login', '-p', 'dev', ...flags], { full: true });
    assert.equal(full.stdout, signedIn.stdout, flags.join(' '));
    assert.equal(count('GetRoleCredentials', mark), 1, 'the full command answered from the cache the sign-in path wrote');
  }
});

test('a new session is used at once and kept with the expiry whoAmI gives it', async () => {
  const mark = emu.requests.length;
  const before = Date.now();
  const res = await sb.awssso(['login', '-p', 'dev', '--json', '-f', '-r']);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual([count('SsoToken', mark), count('WhoAmI', mark), count('GetRoleCredentials', mark)], [1, 1, 1]);
  const stored = await new FileSecretStore(join(sb.configDir, 'secrets.enc'), sb.env).get(sessionSecretName(DEMO.username, emu.startUrl));
  const session = JSON.parse(stored!) as { token: string; expiresAt: number };
  // the demo directory's sessions last 8 hours: whoAmI's expireDate, not a default
  assert.ok(Math.abs(session.expiresAt - (before + 8 * 3600_000)) < 60_000, new Date(session.expiresAt).toISOString());
  const next = emu.requests.length;
  assert.equal((await sb.awssso(['login', '-p', 'dev', '--json', '-r'])).code, 0);
  assert.deepEqual([count('SsoToken', next), count('GetRoleCredentials', next)], [0, 1], 'the next run uses the kept session');
});

test('a flag given twice is refused as oclif refuses it, whether the cache is warm or not', async () => {
  assert.equal((await sb.awssso(['login', '-p', 'dev', '--json'])).code, 0);
  const mark = emu.requests.length;
  for (const args of [['-p', 'dev', '-p', 'dev', '--json'], ['-p', 'dev', '-r', '--json', '--profile=dev'], ['-p', 'dev', '-e', '--format', 'fish', '--format', 'bash']]) {
    for (const extra of [[], ['-r']]) {
      const res = await sb.awssso(['login', ...args, ...extra]);
      assert.equal(res.code, 2, `${args.join(' ')} ${extra.join(' ')}: ${res.stderr}`);
      assert.equal(res.stdout, '');
      assert.match(res.stderr, /can only be specified once/);
    }
  }
  assert.equal(emu.requests.length, mark, 'nothing was fetched');
});

test('login --json that needs a password, even at a terminal, prints one line saying what to run and never prompts', async () => {
  // A config dir holding only the config file: no stored password, no portal session.
  const bare = join(sb.home, 'bare');
  await mkdir(bare, { mode: 0o700 });
  await copyFile(join(sb.configDir, 'config'), join(bare, 'config'));
  emu.revokeSessions();
  const mark = emu.requests.length;
  const want = `awssso: no password is stored for ${DEMO.username}: run \`awssso login -p dev\` in a terminal`;

  const piped = await traced(['login', '-p', 'dev', '--json'], { env: { AWSSSO_CONFIG_DIR: bare } });
  assert.equal(piped.code, EXIT.needsPerson);
  assert.equal(piped.stdout, '');
  assert.deepEqual(lines(piped.stderr), [want]);
  assert.ok(!piped.heavy.includes('selenium-webdriver'), 'no browser');

  // A terminal on stdin and stderr (script(1) gives the process a pty): a prompt would hang here
  // until the deadline; --json must still refuse at once.
  const command = [process.execPath, binRun, 'login', '-p', 'dev', '--json'].map((a) => `'${a}'`).join(' ');
  const tty = await run('script', ['-qefc', command, '/dev/null'], { env: { ...sb.env, AWSSSO_CONFIG_DIR: bare }, timeoutMs: 30_000 });
  assert.equal(tty.timedOut, false, 'it did not wait for an answer');
  assert.equal(tty.code, EXIT.needsPerson);
  assert.deepEqual(lines(tty.stdout), [want]);
  assert.equal(count('SsoToken', mark), 0);
});

test('login --json when the sign-in needs a browser (a captcha) prints one line saying what to run and starts no browser', async () => {
  const captcha = await startEmulator({ scenario: { challenge: 'captcha' } });
  const box = await sandbox(captcha);
  try {
    await mkdir(box.configDir, { recursive: true, mode: 0o700 });
    await writeFile(join(box.configDir, 'config'),
      `[cap]\nurl = ${captcha.startUrl}\nregion = ${captcha.region}\nusername = ${DEMO.username}\naccount_id = ${ACCOUNT}\nrole_name = ${ROLE}\n`);
    const res = await traced(['login', '-p', 'cap', '--json'], { box });
    assert.equal(res.code, EXIT.needsPerson);
    assert.equal(res.stdout, '');
    const said = lines(res.stderr);
    assert.equal(said.length, 1, res.stderr);
    assert.match(said[0]!, /^awssso: .*captcha.*; run `awssso login -p cap` in a terminal$/i);
    assert.ok(!res.heavy.includes('selenium-webdriver'), 'no browser driver was loaded');
  } finally {
    await box.remove();
    await captcha.close();
  }
});
