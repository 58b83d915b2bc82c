import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  deleteRoleCache,
  isFresh,
  MIN_REMAINING_MS,
  readRoleCache,
  remainingMs,
  roleCachePath,
  writeRoleCache,
} from '../../src/store/role-cache.js';
import { tempDir } from './support.js';

const KEY = { startUrl: 'https://d-0123456789.awsapps.com/start#/', accountId: '111111111111', roleName: 'ReadOnly' };
const CREDS = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+1', sessionToken: 'token==', expiration: Date.UTC(2030, 0, 2, 3, 4, 5) };

test('role credentials round-trip through a 0600 cache file, one per start URL, account and role', async (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t) };
  assert.deepEqual(readRoleCache(KEY, env), {});
  await writeRoleCache(KEY, CREDS, env);
  assert.deepEqual(readRoleCache(KEY, env), { credentials: CREDS });
  assert.equal(statSync(roleCachePath(KEY, env)).mode & 0o777, 0o600);
  assert.deepEqual(readRoleCache({ ...KEY, roleName: 'Admin' }, env), {}, 'another role has its own file');
  assert.equal(await deleteRoleCache(KEY, env), true);
  assert.deepEqual(readRoleCache(KEY, env), {});
  assert.equal(await deleteRoleCache(KEY, env), false, 'deleting what is gone is fine, and said');
});

test('a damaged cache file is ignored with a reason the caller can print', async (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t) };
  await writeRoleCache(KEY, CREDS, env);
  const path = roleCachePath(KEY, env);
  writeFileSync(path, '{"accessKeyId": "ASIA');
  assert.deepEqual(readRoleCache(KEY, env), { warning: `ignoring the role credential cache ${path}: it is not valid JSON` });
  writeFileSync(path, JSON.stringify({ ...KEY, accessKeyId: 'A', secretAccessKey: 'S', expiration: '2030-01-01T00:00:00Z' }));
  assert.deepEqual(readRoleCache(KEY, env), { warning: `ignoring the role credential cache ${path}: no sessionToken` });
  writeFileSync(path, JSON.stringify({ ...KEY, roleName: 'Other', accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', expiration: '2030-01-01T00:00:00Z' }));
  assert.match(readRoleCache(KEY, env).warning!, /belongs to another role$/);
  await writeRoleCache(KEY, CREDS, env);
  assert.deepEqual(readRoleCache(KEY, env), { credentials: CREDS }, 'the next write replaces the damaged file');
});

test('credentials with under 15 minutes left are told apart', () => {
  const now = Date.UTC(2030, 0, 1);
  assert.equal(MIN_REMAINING_MS, 15 * 60_000);
  assert.ok(remainingMs({ ...CREDS, expiration: now + 14 * 60_000 }, now) < MIN_REMAINING_MS);
  assert.ok(remainingMs({ ...CREDS, expiration: now + 16 * 60_000 }, now) >= MIN_REMAINING_MS);
  assert.equal(isFresh({ ...CREDS, expiration: now + 14 * 60_000 }, now), false);
  assert.equal(isFresh({ ...CREDS, expiration: now + 15 * 60_000 }, now), true);
});
