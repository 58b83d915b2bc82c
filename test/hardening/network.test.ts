// Hostile and broken servers (issue 14, findings 2, 6, 9, 10 and 15's "HTTP 200"): a
// credential_process call (`login --json`) ends with one line and a non-zero exit, within its
// deadline, whatever the portal does. Each case is a fault-injecting proxy in front of the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { configuredKit, faultProxy, goodCredentials, json, lines, type Faults, type Kit } from './kit.js';

let kit: Kit;
before(async () => { kit = await configuredKit(); });
after(async () => { await kit?.close(); });

/** A deadline short enough for a test; the default (README) is measured by bench/deadline.ts. */
const DEADLINE = { AWSSSO_DEADLINE: '6' };

async function loginJson(faults: Faults, env: NodeJS.ProcessEnv = DEADLINE) {
  const proxy = await faultProxy(kit.emu, faults);
  try {
    // Killed after 40 s: a run still going by then is the hang this suite is about.
    return await kit.sb.awssso(['login', '-p', 'dev', '--json', '-r'], { env: { AWS_ENDPOINT_URL_SSO: proxy.url, ...env }, timeoutMs: 40_000 });
  } finally {
    await proxy.close();
  }
}

const roleLocks = async () => (await readdir(join(kit.sb.configDir, 'locks')).catch(() => [])).filter((n) => n.startsWith('role-'));

test('finding 2: headers, then one byte a second: the deadline ends the call and frees the role lock', async () => {
  const res = await loginJson({
    '/federation/credentials': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => res.write(' '), 1000);
      res.on('close', () => clearInterval(drip));
    },
  });
  assert.equal(res.timedOut, false, 'still running after 40 s');
  assert.equal(res.code, 1);
  assert.equal(res.stdout, '');
  assert.match(lines(res.stderr).join('\n'), /^awssso: gave up after 6 s \(AWSSSO_DEADLINE\)/);
  assert.equal(lines(res.stderr).length, 1, res.stderr);
  assert.deepEqual(await roleLocks(), []);
});

test('finding 2: a server that never answers: the deadline ends the call', async () => {
  const res = await loginJson({ '/federation/credentials': () => {} });
  assert.equal(res.timedOut, false, 'still running after 40 s');
  assert.equal(res.code, 1);
  assert.match(lines(res.stderr).join('\n'), /^awssso: gave up after 6 s \(AWSSSO_DEADLINE\)/);
});

test('finding 2: a Retry-After longer than the time left is not waited for', async () => {
  let calls = 0;
  const res = await loginJson({
    '/federation/credentials': (_req, res) => {
      calls++;
      json(res, 429, { message: 'Rate exceeded' }, { 'retry-after': '25', 'x-amzn-ErrorType': 'TooManyRequestsException' });
    },
  });
  assert.equal(res.timedOut, false, 'still running after 40 s');
  assert.equal(res.code, 1);
  // one try by the stored-session fast path, which hands any refusal to the full command, whose
  // one try is not retried: the wait asked for would outlive the deadline
  assert.equal(calls, 2, 'no retry that would outlive the deadline');
  assert.deepEqual(lines(res.stderr), ['awssso: AWS throttled the request (TooManyRequestsException) and asks to wait 25 s, longer than this call has left (AWSSSO_DEADLINE); try again in a minute']);
});

test('finding 6: a repeated nextToken stops the listing with a clear error', async () => {
  let pages = 0;
  const proxy = await faultProxy(kit.emu, {
    '/assignment/accounts': (_req, res) => {
      pages++;
      json(res, 200, { accountList: [{ accountId: '111122223333', accountName: 'dev', emailAddress: 'a@example.com' }], nextToken: 'again' });
    },
  });
  try {
    const res = await kit.sb.awssso(['login', '-p', 'dev', '--json', '-i'], { env: { AWS_ENDPOINT_URL_SSO: proxy.url }, timeoutMs: 30_000 });
    assert.equal(res.timedOut, false, 'still listing after 30 s');
    assert.equal(res.code, 1);
    assert.deepEqual(lines(res.stderr), ['awssso: ListAccounts: the portal sent the same nextToken twice; stopped after 2 pages']);
    assert.equal(pages, 2);
  } finally {
    await proxy.close();
  }
});

test('finding 10: a 300 MB answer is cut off at the size limit', async () => {
  const res = await loginJson({
    '/federation/credentials': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1 << 20, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < 300 && res.write(chunk)) sent++;
        if (sent >= 300) res.end();
      };
      res.on('drain', more);
      more();
    },
  }, {});
  assert.equal(res.timedOut, false);
  assert.equal(res.code, 1);
  assert.match(lines(res.stderr).join('\n'), /^awssso: the answer from 127\.0\.0\.1:\d+ is larger than 4 MiB; refused$/);
});

const badAnswers: [string, unknown, RegExp][] = [
  ['no session token', { roleCredentials: { ...goodCredentials().roleCredentials, sessionToken: undefined } }, /no sessionToken/],
  ['a null key', { roleCredentials: { ...goodCredentials().roleCredentials, accessKeyId: null } }, /no accessKeyId/],
  ['a numeric secret', { roleCredentials: { ...goodCredentials().roleCredentials, secretAccessKey: 12345 } }, /no secretAccessKey/],
  ['an expiry in the past', { roleCredentials: { ...goodCredentials().roleCredentials, expiration: Date.now() - 60_000 } }, /already expired/],
  ['no roleCredentials', { something: 'else' }, /no roleCredentials/],
];

for (const [what, body, message] of badAnswers) {
  test(`finding 9: a credentials answer with ${what} is refused, exit 1, nothing printed`, async () => {
    const res = await loginJson({ '/federation/credentials': (_req, res) => json(res, 200, body) }, {});
    assert.equal(res.code, 1, res.stdout);
    assert.equal(res.stdout, '');
    const out = lines(res.stderr);
    assert.equal(out.length, 1, res.stderr);
    assert.match(out[0]!, /^awssso: GetRoleCredentials: the portal's answer has /);
    assert.match(out[0]!, message);
  });
}

test('finding 9: an expiry in seconds is read as seconds, not as 1970', async () => {
  const seconds = Math.floor(Date.now() / 1000) + 3600;
  const res = await loginJson({
    '/federation/credentials': (_req, res) => json(res, 200, { roleCredentials: { ...goodCredentials().roleCredentials, expiration: seconds } }),
  }, {});
  assert.equal(res.code, 0, res.stderr);
  assert.equal(JSON.parse(res.stdout).Expiration, new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
});

test('finding 15: an answer that is not JSON is called that, not "HTTP 200"', async () => {
  const res = await loginJson({
    '/federation/credentials': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Captive portal: please sign in to the hotel Wi-Fi</body></html>');
    },
  }, {});
  assert.equal(res.code, 1);
  assert.deepEqual(lines(res.stderr).map((l) => l.replace(/127\.0\.0\.1:\d+/, 'HOST')),
    ['awssso: GetRoleCredentials: HOST answered with text/html, not JSON']);
});
