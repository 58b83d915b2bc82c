// Bad input gets one clear line on stderr and a non-zero exit, never a stack trace, and loses
// nothing: each case as a user meets it, through the built CLI against the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { startProxy } from '../helpers/proxy.js';
import { freePort } from '../helpers/processes.js';
import { cookieJarPath } from '../../src/store/cookie-jar.js';
import { EXIT } from '../../src/errors.js';
import { readFileSync } from 'node:fs';

const ROLE = ['--account-id', '111122223333', '--role-name', 'ReadOnlyAccess'];
const LOCKED = { username: 'locked@example.com', password: 'Locked-Passw0rd!' };
let emu: RunningEmulator;
let sb: Sandbox;

/** The lines awssso printed, without the one-time note about where secrets are kept. */
const lines = (stderr: string) => stderr.split('\n').filter((l) => l && !/no OS keyring answered/.test(l));
const ops = (op: string, from: number) => emu.requests.slice(from).filter((r) => r.op === op);

before(async () => {
  // no sign-in-host session: every sign-in here goes through the password
  emu = await startEmulator({ scenario: { signinHostSession: false, users: [
    { username: DEMO.username, password: DEMO.password, totpSeed: DEMO.seed },
    { ...LOCKED, locked: true, mfa: 'off' },
  ] } });
  sb = await sandbox(emu);
  const ok = await sb.configure('dev', ROLE);
  assert.equal(ok.code, 0, ok.stderr);
});

after(async () => {
  await sb?.remove();
  await emu?.close();
});

test('a start URL that is not IAM Identity Center is refused before anything is sent', async () => {
  const mark = emu.requests.length;
  const res = await sb.awssso(['configure', '-p', 'x', '--url', 'https://example.com/start', '--region', 'us-east-1', '--username', 'me'], { env: { AWSSSO_PASSWORD: 'p' } });
  assert.equal(res.code, EXIT.config);
  assert.deepEqual(lines(res.stderr), ['awssso: not an IAM Identity Center start URL: https://example.com/start']);
  assert.equal(emu.requests.length, mark);
});

test('an unknown profile names the known ones', async () => {
  const res = await sb.awssso(['login', '-p', 'nope', '--json']);
  assert.equal(res.code, EXIT.config);
  assert.deepEqual(lines(res.stderr), [`awssso: no profile "nope" in ${join(sb.configDir, 'config')} (known profiles: dev): run \`awssso configure -p nope\``]);
  assert.equal(res.stdout, '');
});

/** The refusal an HTTP step hands over, then the page's verdict (docs/protocol.md §9). */
const refusedInBrowser = (stderr: string, step: string) => {
  const said = lines(stderr);
  assert.equal(said.length, 2, stderr);
  assert.match(said[0]!, new RegExp(`^awssso: the sign-in refused step \`${step}\` \\(HTTP 400, AUTHENTICATION_FAILED: .*; continuing in Chrome$`));
  return said[1]!;
};
const PAGE_REFUSAL = "awssso: sign-in refused: Something doesn't compute: We couldn't verify your sign-in credentials. Please try again.";

test('a wrong password: the HTTP refusal goes to the browser, whose page gives the verdict in one line; it is not stored', async () => {
  const mark = emu.requests.length;
  const res = await sb.configure('wrong', [...ROLE, '-f'], { AWSSSO_PASSWORD: 'not-the-password' });
  assert.equal(res.code, EXIT.refused);
  assert.ok(refusedInBrowser(res.stderr, 'get-password').startsWith(PAGE_REFUSAL));
  const seen = emu.requests.slice(mark);
  const overHttp = seen.slice(0, seen.findIndex((r) => r.op === 'StartPage'));
  assert.equal(overHttp.filter((r) => r.step === 'get-password').length, 1, 'sent once over HTTP, never retried there');
  // The good password stored by the first configure still signs in.
  const again = await sb.awssso(['login', '-p', 'dev', '--json', '-f']);
  assert.equal(again.code, 0, again.stderr);
});

test('a wrong TOTP code (a seed that is not the user\'s) is reported in one line', async () => {
  const res = await sb.configure('dev', [...ROLE, '-f'], { AWSSSO_TOTP_SEED: 'GEZDGNBVGY3TQOJQGEZDGNBVGY', AWSSSO_CONFIG_DIR: join(sb.home, 'other') });
  assert.equal(res.code, EXIT.refused);
  assert.equal(refusedInBrowser(res.stderr, 'get-mfa'), PAGE_REFUSAL);
});

test('a locked user is refused in one line (no lock code was ever seen on the wire: the page says what it says)', async () => {
  const res = await sb.awssso(['configure', '-p', 'locked', '--url', emu.startUrl, '--region', emu.region, '--username', LOCKED.username, ...ROLE],
    { env: { AWSSSO_PASSWORD: LOCKED.password } });
  assert.equal(res.code, EXIT.refused);
  assert.ok(refusedInBrowser(res.stderr, 'get-password').startsWith(PAGE_REFUSAL));
});

test('a revoked portal session: one new sign-in, then the credentials', async () => {
  emu.revokeSessions();
  const mark = emu.requests.length;
  const res = await sb.awssso(['login', '-p', 'dev', '--json', '-r']);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(lines(res.stderr), [], 'a recovered session is no news without a terminal');
  assert.equal(ops('SsoToken', mark).filter((r) => r.status === 200).length, 1);
  assert.ok(JSON.parse(res.stdout).AccessKeyId);
});

test('a portal that refuses even a fresh session: one new sign-in, then a clear failure', async () => {
  const proxy = await startProxy(emu.url, (req, res) => {
    if (!req.url?.startsWith('/federation/credentials')) return false;
    res.writeHead(401, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'UnauthorizedException' });
    res.end(JSON.stringify({ message: 'Session token not found or invalid' }));
    return true;
  });
  try {
    const mark = emu.requests.length;
    const res = await sb.awssso(['login', '-p', 'dev', '--json', '-r'], { env: { AWS_ENDPOINT_URL_SSO: proxy.url } });
    assert.equal(res.code, EXIT.sessionExpired);
    const out = lines(res.stderr);
    assert.equal(out.length, 1, res.stderr);
    assert.equal(out[0], 'awssso: the portal refused the session it had just issued (UnauthorizedException); try again in a few minutes');
    assert.equal(ops('SsoToken', mark).filter((r) => r.status === 200).length, 1, 'signs in again once, not in a loop');
  } finally {
    await proxy.close();
  }
});

test('throttling: retried with backoff, then a clear message', async () => {
  const throttled = await startEmulator({ scenario: { throttle: { perSecond: 0, operations: ['GetRoleCredentials'] } } });
  const tsb = await sandbox(throttled);
  try {
    const configured = await tsb.configure('dev', ROLE);
    assert.equal(configured.code, 0, configured.stderr);
    const res = await tsb.awssso(['login', '-p', 'dev', '--json']);
    assert.equal(res.code, EXIT.unreachable);
    assert.deepEqual(lines(res.stderr), ['awssso: AWS throttled the request (TooManyRequestsException) after 4 tries; try again in a minute']);
    // One try by the stored-session fast path, which hands a refusal over, then got's four.
    assert.equal(throttled.requests.filter((r) => r.op === 'GetRoleCredentials' && r.status === 429).length, 5);
  } finally {
    await tsb.remove();
    await throttled.close();
  }
});

// Node 24.20 (and 26.7) changed how a refused connection surfaces: got 14 then neither retries
// it nor says ECONNREFUSED, but 'Socket closed before the connection was established' (got issue
// 2469, fixed in got 16). Still run, and reported as a known TODO there until got is upgraded.
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const refusedSurfacesBadly = (major === 24 && minor >= 20) || (major === 26 && minor >= 7) || major > 26;

test('a dead network: connection refused in one line', { todo: refusedSurfacesBadly && 'got 14 on this node: see got issue 2469' }, async () => {
  const port = await freePort();
  const res = await sb.awssso(['login', '-p', 'dev', '--json', '-r'], { env: { AWS_ENDPOINT_URL_SSO: `http://127.0.0.1:${port}` } });
  assert.equal(res.code, EXIT.unreachable);
  assert.deepEqual(lines(res.stderr), [`awssso: cannot reach 127.0.0.1:${port}: ECONNREFUSED`]);
});

test('a corrupted role cache is ignored with a warning and replaced', async () => {
  await sb.awssso(['login', '-p', 'dev', '--json']);
  const dir = join(sb.configDir, 'cache', 'roles');
  const [file] = await readdir(dir);
  await writeFile(join(dir, file!), '{"accessKeyId": "ASIA', { mode: 0o600 });
  const res = await sb.awssso(['login', '-p', 'dev', '--json']);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(lines(res.stderr), [`awssso: ignoring the role credential cache ${join(dir, file!)}: it is not valid JSON`]);
  assert.ok(JSON.parse(await readFile(join(dir, file!), 'utf8')).accessKeyId, 'the cache is whole again');
});

test('a corrupted cookie jar is ignored with a warning; the sign-in goes on', async () => {
  const jar = cookieJarPath(DEMO.username, emu.startUrl, sb.env);
  await writeFile(jar, 'not json at all', { mode: 0o600 });
  const mark = emu.requests.length;
  const res = await sb.awssso(['login', '-p', 'dev', '--json', '-f']);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(lines(res.stderr), [
    `awssso: starting with no cookies: ${jar} is damaged (Unexpected token 'o', "not json at all" is not valid JSON)`,
  ]);
  assert.equal(ops('SignInStep', mark).filter((r) => r.step === 'get-mfa').length, 1, 'without the trusted-device cookie MFA is asked again');
  assert.doesNotThrow(() => JSON.parse(readFileSync(jar, 'utf8')), 'the jar is whole again');
});

test('a malformed config names the file and line', async () => {
  const path = join(sb.configDir, 'config');
  const good = await readFile(path, 'utf8');
  try {
    await writeFile(path, `${good}\nthis line is not ini\n`);
    const res = await sb.awssso(['login', '-p', 'dev']);
    assert.equal(res.code, EXIT.config);
    const line = good.split('\n').length + 1;
    assert.deepEqual(lines(res.stderr), [`awssso: malformed awssso configuration ${path}, line ${line}: neither a [section], a key = value, nor a comment`]);
  } finally {
    await writeFile(path, good);
  }
});

test('a redirect to a foreign host is refused before the password is sent', async () => {
  let foreignHits = 0;
  const foreign: Server = createServer((_req, res) => { foreignHits++; res.end('{}'); });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.2', resolve));
  const foreignOrigin = `http://127.0.0.2:${(foreign.address() as AddressInfo).port}`;
  const proxy = await startProxy(emu.url, (req, res) => {
    if (!req.url?.startsWith('/login')) return false;
    res.writeHead(302, { location: `${foreignOrigin}/login${req.url.slice('/login'.length)}` });
    res.end();
    return true;
  });
  try {
    const mark = emu.requests.length;
    const res = await sb.awssso(['login', '-p', 'dev', '--json', '-f'], { env: { AWS_ENDPOINT_URL_SSO: proxy.url } });
    assert.equal(res.code, EXIT.failed);
    assert.deepEqual(lines(res.stderr), ['awssso: refusing a redirect to 127.0.0.2: not an AWS sign-in, portal or federation host']);
    assert.equal(foreignHits, 0);
    assert.equal(ops('SignInStep', mark).length, 0, 'no sign-in step, so no password, was sent');
  } finally {
    await proxy.close();
    await new Promise((resolve) => foreign.close(resolve));
  }
});
