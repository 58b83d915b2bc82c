// Messages that say what happened (issue 14, finding 15).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { withLock, lockFilePath } from '../../src/store/lock.js';
import { tempDir } from '../helpers/processes.js';
import { configuredKit, lines, type Kit } from './kit.js';
import { EXIT } from '../../src/errors.js';

let kit: Kit;
before(async () => { kit = await configuredKit(); });
after(async () => { await kit?.close(); });

test('finding 15: an endpoint variable that is not a URL is named', async () => {
  const res = await kit.sb.awssso(['login', '-p', 'dev', '--json', '-r'], { env: { AWS_ENDPOINT_URL_SSO: 'portal.example' } });
  assert.equal(res.code, EXIT.config);
  assert.deepEqual(lines(res.stderr), ['awssso: AWS_ENDPOINT_URL_SSO is not a URL: portal.example']);
});

test('finding 15: -d without -c is refused, not ignored', async () => {
  const res = await kit.sb.awssso(['login', '-p', 'dev', '-d', '3600']);
  assert.notEqual(res.code, 0);
  assert.equal(res.stdout, '');
  assert.match(lines(res.stderr)[0]!, /--console/);
});

test('finding 15: a lock whose holder gives no start time does not claim to be 56 years old', async () => {
  const dir = await tempDir('awssso-lock');
  const env = { AWSSSO_CONFIG_DIR: dir.path };
  try {
    const path = lockFilePath('role-x', env);
    await mkdir(`${dir.path}/locks`, { recursive: true });
    // A live holder (the process that runs this test file's runner) that wrote no start time.
    await writeFile(path, JSON.stringify({ pid: process.ppid, host: hostname(), started: 0, token: 'abc' }));
    await assert.rejects(withLock('role-x', () => undefined, { timeoutMs: 200, env }), (err: Error) => {
      assert.equal(err.message, `another awssso process (pid ${process.ppid}) holds the lock for role-x; try again, or remove ${path} if no awssso is running`);
      return true;
    });
  } finally {
    await dir.remove();
  }
});
