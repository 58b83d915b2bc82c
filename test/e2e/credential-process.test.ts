// credential_process at the speed of node itself (issue 5), through the built CLI against the
// emulator: a warm `login --json`/`-e` is answered by bin/run.cjs without oclif or any HTTP,
// browser or keyring module, byte for byte as the full command answers; a cold crowd signs in
// once; under 15 minutes left the full command renews; a run that needs a person says in one
// line what to run, without prompting or starting a browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { binRun, repoRoot } from '../helpers/paths.js';
import { run, type Exit } from '../helpers/processes.js';
import { readRoleCache, writeRoleCache } from '../../src/store/role-cache.js';
import { EXIT } from '../../src/errors.js';

const ACCOUNT = '111122223333';
const ROLE = 'ReadOnlyAccess';
/** What the fast path must never load (README: how it works, step 1). */
const HEAVY = ['@oclif/core', 'got', 'selenium-webdriver', '@napi-rs/keyring', 'tough-cookie', 'jose', 'otplib', 'cheerio', '@inquirer/prompts'];

let emu: RunningEmulator;
let sb: Sandbox;

const count = (op: string, from: number) => emu.requests.slice(from).filter((r) => r.op === op && r.status === 200).length;
/** stderr lines, without the one-time note about where secrets are kept. */
const lines = (stderr: string) => stderr.split(/\r?\n/).filter((l) => l && !/no OS keyring answered/.test(l));
const cacheKey = () => ({ startUrl: emu.startUrl, accountId: ACCOUNT, roleName: ROLE });

// Every module the process loads: ESM through a load hook (which runs in its own thread in node
// 20), CommonJS from require.cache at exit. Both written to the file AWSSSO_TEST_LOAD_LOG names.
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(process.env.AWSSSO_TEST_LOAD_LOG, url + '\\n'); return next(url, context); }`;
const PRELOAD = `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));
process.on('exit', () => appendFileSync(process.env.AWSSSO_TEST_LOAD_LOG, Object.keys(createRequire('/').cache).map((p) => p + '\\n').join('')));`;

interface Traced extends Exit {
  /** the packages of HEAVY that the run loaded */
  heavy: string[];
}

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
  const exit = await run(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`, ...entry], {
    env: { ...box.env, ...opts.env, AWSSSO_TEST_LOAD_LOG: log },
    cwd: repoRoot,
  });
  const loaded = (await readFile(log, 'utf8').catch(() => '')).split('\n');
  return { ...exit, heavy: HEAVY.filter((name) => loaded.some((l) => l.includes(`/node_modules/${name}/`))) };
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

  // The same trace sees them when the full command runs (-r: fetch anew), so it can see them at all.
  const miss = await traced(['login', '-p', 'dev', '--json', '-r']);
  assert.equal(miss.code, 0, miss.stderr);
  assert.deepEqual(miss.heavy.filter((name) => ['@oclif/core', 'got', 'tough-cookie', '@napi-rs/keyring'].includes(name)).sort(),
    ['@napi-rs/keyring', '@oclif/core', 'got', 'tough-cookie']);
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

test('under 15 minutes left the fast path steps aside and the full command renews; 16 minutes are handed out', async () => {
  const stale = { accessKeyId: 'ASIATENMINUTESLEFT00', secretAccessKey: 'stale-secret', sessionToken: 'stale-token', expiration: Date.now() + 10 * 60_000 };
  await writeRoleCache(cacheKey(), stale, sb.env);
  let mark = emu.requests.length;
  const renewed = await traced(['login', '-p', 'dev', '--json']);
  assert.equal(renewed.code, 0, renewed.stderr);
  assert.ok(renewed.heavy.includes('@oclif/core'), 'the full command answered');
  assert.equal(count('GetRoleCredentials', mark), 1);
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
