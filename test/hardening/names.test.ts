// What the portal names (issue 14, findings 4 and 5): account ids and role names are checked
// against their formats before they reach a path, a prompt or a terminal, and every name or
// server message printed is stripped of control characters and cut to a readable length.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { binRun, fixture } from '../helpers/paths.js';
import { run } from '../helpers/processes.js';
import { CONTROL, configuredKit, faultProxy, goodCredentials, json, lines, type Faults, type Kit } from './kit.js';
import { EXIT } from '../../src/errors.js';

let kit: Kit;
before(async () => { kit = await configuredKit(); });
after(async () => { await kit?.close(); });

const TITLE = '\u001b]0;PWNED\u0007';
const CLEAR = '\u001b[2J\u001bc';
const HOSTILE_NAME = `dev${TITLE}${CLEAR}`;

/** `login -i` at a terminal (a pty), picking the first account and the first role. */
async function interactiveLogin(faults: Faults) {
  const proxy = await faultProxy(kit.emu, faults);
  try {
    const steps = JSON.stringify([['AWS Account', '\r'], ['Role', '\r']]);
    return await run('python3', [fixture('hardening', 'py', 'pty_driver.py'), steps, process.execPath, binRun, 'login', '-p', 'dev', '-i'],
      { env: { ...kit.sb.env, AWS_ENDPOINT_URL_SSO: proxy.url }, timeoutMs: 60_000 });
  } finally {
    await proxy.close();
  }
}

/** Every file under the config directory, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

test('finding 4: an account id of ../../x from the portal never becomes a path', async () => {
  const before = await filesUnder(kit.sb.configDir);
  const res = await interactiveLogin({
    '/assignment/accounts': (_req, res) => json(res, 200, { accountList: [{ accountId: '../../x', accountName: 'evil', emailAddress: 'e@example.com' }] }),
    '/assignment/roles': (_req, res) => json(res, 200, { roleList: [{ roleName: 'ReadOnlyAccess', accountId: '../../x' }] }),
    '/federation/credentials': (_req, res) => json(res, 200, goodCredentials()),
  });
  assert.notEqual(res.code, 0, res.stdout);
  assert.match(res.stdout, /awssso: ListAccounts: the portal's answer has an account id that is not 12 digits: "\.\.\/\.\.\/x"/);
  const added = (await filesUnder(kit.sb.configDir)).filter((f) => !before.includes(f));
  assert.deepEqual(added.filter((f) => !f.startsWith('cache/roles/') && !f.startsWith('cookies/') && !f.startsWith('locks/')), []);
  assert.doesNotMatch(res.stdout, /ASIAHARDENINGTEST001/);
});

test('finding 4: a role name outside the IAM role-name characters is refused', async () => {
  const res = await interactiveLogin({
    '/assignment/roles': (_req, res) => json(res, 200, { roleList: [{ roleName: '../../../etc/evil', accountId: '111122223333' }] }),
  });
  assert.notEqual(res.code, 0, res.stdout);
  assert.match(res.stdout, /awssso: ListAccountRoles: the portal's answer has a role name that is not an IAM role name: "\.\.\/\.\.\/\.\.\/etc\/evil"/);
});

test('finding 5: escape sequences in account names never reach the terminal', async () => {
  const res = await interactiveLogin({
    '/assignment/accounts': (_req, res) => json(res, 200, { accountList: [{ accountId: '111122223333', accountName: HOSTILE_NAME, emailAddress: 'e@example.com' }] }),
  });
  assert.equal(res.code, 0, res.stdout);
  assert.ok(!res.stdout.includes(TITLE), 'the window title escape reached the terminal');
  assert.ok(!res.stdout.includes('\u001b[2J') && !res.stdout.includes('\u001bc'), 'the clear-screen escape reached the terminal');
  assert.match(res.stdout, /111122223333 \(dev/);
});

test('finding 5: a server message with escapes and 100 KB of text is one short clean line', async () => {
  const proxy = await faultProxy(kit.emu, {
    '/federation/credentials': (_req, res) => json(res, 403, { message: `No access ${TITLE}${CLEAR}${'A'.repeat(100_000)}` }, { 'x-amzn-ErrorType': 'ForbiddenException' }),
  });
  try {
    const res = await kit.sb.awssso(['login', '-p', 'dev', '--json', '-r'], { env: { AWS_ENDPOINT_URL_SSO: proxy.url } });
    assert.equal(res.code, 1);
    const out = lines(res.stderr);
    assert.equal(out.length, 1, 'one line');
    assert.doesNotMatch(out[0]!, CONTROL);
    assert.ok(out[0]!.length <= 500, `a ${out[0]!.length}-character line`);
    assert.match(out[0]!, /^awssso: GetRoleCredentials failed: HTTP 403 from [\d.:]+ \(ForbiddenException: No access .*…/);
  } finally {
    await proxy.close();
  }
});

test('finding 5: hostile account names in a one-line error (no terminal to ask) are cleaned and cut', async () => {
  const proxy = await faultProxy(kit.emu, {
    '/assignment/accounts': (_req, res) => json(res, 200, { accountList: [
      { accountId: '111122223333', accountName: HOSTILE_NAME, emailAddress: 'e@example.com' },
      { accountId: '444455556666', accountName: 'B'.repeat(100_000), emailAddress: 'f@example.com' },
    ] }),
  });
  try {
    const res = await kit.sb.awssso(['login', '-p', 'dev', '-i'], { env: { AWS_ENDPOINT_URL_SSO: proxy.url } });
    assert.equal(res.code, EXIT.config);
    const out = lines(res.stderr);
    assert.equal(out.length, 1, res.stderr.slice(0, 300));
    assert.doesNotMatch(out[0]!, CONTROL);
    assert.ok(out[0]!.length <= 500, `a ${out[0]!.length}-character line`);
    assert.match(out[0]!, /^awssso: missing --account-id \(no terminal to ask\); choose one of: 111122223333 \(dev/);
  } finally {
    await proxy.close();
  }
});
