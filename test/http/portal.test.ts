// The portal API client against the loopback emulator: paging, throttling, expiry.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT, SessionExpired, Throttled } from '../../src/errors.js';
import { signInOverHttp } from '../../src/signin/http/sign-in-over-http.js';
import { PortalClient } from '../../src/http/portal.js';
import { AdaptiveRateLimit } from '../../src/http/hooks/rate-limit.js';
import type { RetryPolicy } from '../../src/http/retry.js';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { signInContext, testHttp } from './emulator-kit.js';

const running: RunningEmulator[] = [];
after(() => Promise.all(running.map((emu) => emu.close())));

async function signedIn(scenario?: Scenario, retry?: RetryPolicy): Promise<{ emu: RunningEmulator; portal: PortalClient }> {
  const emu = await startEmulator(scenario ? { scenario } : {});
  running.push(emu);
  const http = testHttp(emu, undefined, retry ? { retry } : {});
  const token = await signInOverHttp(signInContext(emu, http).ctx);
  return { emu, portal: new PortalClient(http, emu.url, token) };
}

const calls = (emu: RunningEmulator, op: string) => emu.requests.filter((r) => r.op === op);

test('accounts and roles are listed across every page', async () => {
  const { emu, portal } = await signedIn({ accounts: 230, rolesPerAccount: 3 });
  const accounts = await portal.listAccounts();
  assert.equal(accounts.length, 230);
  assert.equal(new Set(accounts.map((a) => a.accountId)).size, 230);
  assert.deepEqual(accounts[229], { accountId: '100000000230', accountName: 'account-230', emailAddress: 'aws-account-230@example.com' });
  assert.equal(calls(emu, 'ListAccounts').length, 3);

  const roles = await portal.listAllRoles(accounts.slice(0, 10), { concurrency: 4 });
  assert.equal(roles.length, 30);
  assert.deepEqual(roles.slice(0, 3), [
    { roleName: 'AdministratorAccess', accountId: '100000000001' },
    { roleName: 'PowerUserAccess', accountId: '100000000001' },
    { roleName: 'ReadOnlyAccess', accountId: '100000000001' },
  ]);
});

test('role credentials come with their expiry in epoch milliseconds', async () => {
  const { portal } = await signedIn();
  const before = Date.now();
  const creds = await portal.getRoleCredentials('111122223333', 'ReadOnlyAccess');
  assert.match(creds.accessKeyId, /^ASIA/);
  assert.ok(creds.secretAccessKey && creds.sessionToken);
  assert.ok(creds.expiration > before + 3500_000 && creds.expiration < before + 3700_000, String(creds.expiration));
  await assert.rejects(portal.getRoleCredentials('111122223333', 'BillingAccess'), /GetRoleCredentials failed: HTTP 403 .*ForbiddenException: No access/);
});

test('legacy (Python awssso) app instances map to accounts and their profiles to roles', async () => {
  const { portal } = await signedIn();
  const instances = await portal.appInstances();
  assert.deepEqual(instances.map((i) => [i.accountId, i.name]), [
    ['111122223333', 'Development'], ['444455556666', 'Staging'], ['777788889999', 'Production'],
  ]);
  assert.match(instances[0]!.id, /^ins-[0-9a-f]{16}$/);
  const profiles = await portal.appInstanceProfiles(instances[1]!.id);
  assert.deepEqual(profiles.map((p) => p.name), ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']);
});

test('throttled role listing is retried with backoff and completes', async () => {
  const { emu, portal } = await signedIn({ throttle: { perSecond: 2, operations: ['ListAccountRoles'] } }, { limit: 8, baseDelayMs: 300 });
  const roles = await portal.listAllRoles(await portal.listAccounts(), { concurrency: 4 });
  assert.equal(roles.length, 7);
  const statuses = calls(emu, 'ListAccountRoles').map((r) => r.status);
  assert.ok(statuses.includes(429), 'the emulator throttled some calls');
  assert.equal(statuses.filter((s) => s === 200).length, 3);
});

test('throttling that never lets up ends in one line after the limited tries', async () => {
  const { emu, portal } = await signedIn({ throttle: { perSecond: 0, operations: ['ListAccounts'] } }, { limit: 2, baseDelayMs: 20 });
  await assert.rejects(portal.listAccounts(), (error: Error) => error instanceof Throttled && error.exitCode === EXIT.unreachable &&
    error.message === 'AWS throttled the request (TooManyRequestsException) after 3 tries; try again in a minute');
  assert.equal(calls(emu, 'ListAccounts').length, 3);
});

test('a revoked or logged-out session is SessionExpired', async () => {
  const { emu, portal } = await signedIn();
  assert.ok((await portal.whoAmI()).expiresAt);
  emu.revokeSessions();
  await assert.rejects(portal.listAccounts(), (error: Error) => error instanceof SessionExpired);

  const other = await signedIn();
  await other.portal.logout();
  await assert.rejects(other.portal.getRoleCredentials('111122223333', 'ReadOnlyAccess'), (error: Error) => error instanceof SessionExpired);
});

test('listAllRoles under the adaptive rate limit: throttling alone never fails it, even with no retries', async () => {
  const emu = await startEmulator({ scenario: { accounts: 40, rolesPerAccount: 2, throttle: { perSecond: 5, operations: ['ListAccountRoles'] } } });
  running.push(emu);
  const http = testHttp(emu, undefined, { retry: { limit: 0 } });
  const token = await signInOverHttp(signInContext(emu, http).ctx);
  const portal = new PortalClient(http, emu.url, token, new AdaptiveRateLimit());
  const seen: string[] = [];
  const roles = await portal.listAllRoles(await portal.listAccounts(), { onRoles: (account) => void seen.push(account.accountId) });
  assert.equal(roles.length, 80);
  assert.equal(new Set(seen).size, 40, 'each account reported once, as it completed');
  assert.ok(calls(emu, 'ListAccountRoles').some((r) => r.status === 429), 'the emulator throttled');
});
