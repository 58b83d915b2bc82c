// `awssso ls` through the built CLI against the emulator: table, JSON, CSV and filter; the
// listing cached per portal session; roles of many accounts listed under a rate limit with no
// failure; an interrupted listing resumed without listing a finished account twice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { binRun } from '../helpers/paths.js';
import { Proc, run } from '../helpers/processes.js';
import { listingCachePath } from '../../src/store/listing-cache.js';

const open: { emu: RunningEmulator; sb: Sandbox }[] = [];
after(async () => {
  for (const { emu, sb } of open) {
    await sb.remove();
    await emu.close();
  }
});

async function configured(scenario?: Scenario): Promise<{ emu: RunningEmulator; sb: Sandbox }> {
  const emu = await startEmulator(scenario ? { scenario } : {});
  const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
  open.push({ emu, sb });
  const account = scenario ? '100000000001' : '111122223333';
  const done = await sb.configure('dev', ['--account-id', account, '--role-name', 'ReadOnlyAccess']);
  assert.equal(done.code, 0, done.stderr);
  return { emu, sb };
}

const calls = (emu: RunningEmulator, op: string, from: number, status = 200) =>
  emu.requests.slice(from).filter((r) => r.op === op && r.status === status).length;

test('ls prints accounts as a table, roles as JSON and CSV, filtered on id, name or role; the listing is cached per session', async () => {
  const { emu, sb } = await configured();
  const table = await sb.awssso(['ls', '-p', 'dev']);
  assert.equal(table.code, 0, table.stderr);
  assert.deepEqual(table.stdout.split('\n').filter(Boolean).map((line) => line.split(/\s{2,}/)), [
    ['ACCOUNT', 'NAME', 'E-MAIL'],
    ['111122223333', 'Development', 'aws-dev@example.com'],
    ['444455556666', 'Staging', 'aws-staging@example.com'],
    ['777788889999', 'Production', 'aws-prod@example.com'],
  ]);
  assert.equal(table.stderr, '', 'no progress when stderr is not a terminal');

  const mark = emu.requests.length;
  const json = await sb.awssso(['ls', '-p', 'dev', '--roles', '--json']);
  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout) as { accountId: string; accountName: string; roleName: string }[];
  assert.equal(rows.length, 7);
  assert.deepEqual(rows[0], { accountId: '111122223333', accountName: 'Development', roleName: 'AdministratorAccess' });
  assert.equal(calls(emu, 'ListAccounts', mark), 0, 'the accounts came from the cache');
  assert.equal(calls(emu, 'ListAccountRoles', mark), 3);

  const mark2 = emu.requests.length;
  const csv = await sb.awssso(['ls', '-p', 'dev', '--roles', '--csv', '--filter', 'PROD']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout, 'account_id,account_name,role_name\r\n777788889999,Production,ReadOnlyAccess\r\n777788889999,Production,BillingAccess\r\n');
  const byRole = await sb.awssso(['ls', '-p', 'dev', '--roles', '--json', '--filter', 'poweruser']);
  assert.deepEqual(JSON.parse(byRole.stdout), [{ accountId: '444455556666', accountName: 'Staging', roleName: 'PowerUserAccess' }]);
  const byId = await sb.awssso(['ls', '-p', 'dev', '--json', '--filter', '4444']);
  assert.deepEqual((JSON.parse(byId.stdout) as { accountId: string }[]).map((a) => a.accountId), ['444455556666']);
  assert.equal(emu.requests.length, mark2, 'everything came from the cache');

  const path = listingCachePath({ username: DEMO.username, startUrl: emu.startUrl }, sb.env);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.doesNotMatch(readFileSync(path, 'utf8'), /"token"/);

  const refreshed = await sb.awssso(['ls', '-p', 'dev', '--roles', '--refresh', '--json']);
  assert.equal(refreshed.stdout, json.stdout);
  assert.equal(calls(emu, 'ListAccounts', mark2), 1);
  assert.equal(calls(emu, 'ListAccountRoles', mark2), 3);

  // On a terminal (script(1) gives it a pty), stderr counts the accounts whose roles are listed.
  const command = [process.execPath, binRun, 'ls', '-p', 'dev', '--roles', '--refresh'].map((a) => `'${a}'`).join(' ');
  const tty = await run('script', ['-qefc', `${command} >/dev/null`, '/dev/null'], { env: sb.env });
  assert.equal(tty.code, 0, tty.stdout);
  assert.match(tty.stdout, /Listing roles: 3\/3 accounts/);

  // A new session (logout, sign-in) does not use the old session's listing.
  assert.equal((await sb.awssso(['logout', '-p', 'dev'])).code, 0);
  const mark3 = emu.requests.length;
  const after = await sb.awssso(['ls', '-p', 'dev']);
  assert.equal(after.code, 0, after.stderr);
  assert.equal(calls(emu, 'ListAccounts', mark3), 1);
});

test('a throttled listing of many accounts completes with every role, and an interrupted one resumes where it stopped', async () => {
  const ACCOUNTS = 60;
  const { emu, sb } = await configured({ accounts: ACCOUNTS, rolesPerAccount: 3, throttle: { perSecond: 10, operations: ['ListAccountRoles'] } });
  const path = listingCachePath({ username: DEMO.username, startUrl: emu.startUrl }, sb.env);
  const finished = () => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(1).filter((l) => l.endsWith('}')).length : 0);

  const mark = emu.requests.length;
  const first = new Proc(process.execPath, [binRun, 'ls', '-p', 'dev', '--roles', '--json'], { env: sb.env, timeoutMs: 60_000 });
  while (finished() < ACCOUNTS / 3 && first.running) await sleep(20);
  first.kill('SIGKILL');
  const killed = await first.exited;
  assert.equal(killed.signal, 'SIGKILL', `interrupted half-way (stderr: ${killed.stderr})`);
  const saved = finished();
  assert.ok(saved >= ACCOUNTS / 3 && saved < ACCOUNTS, `${saved} accounts saved before the interruption`);

  const mark2 = emu.requests.length;
  const second = await sb.awssso(['ls', '-p', 'dev', '--roles', '--json']);
  assert.equal(second.code, 0, second.stderr);
  const rows = JSON.parse(second.stdout) as { accountId: string; roleName: string }[];
  assert.equal(rows.length, ACCOUNTS * 3);
  assert.equal(new Set(rows.map((r) => `${r.accountId}/${r.roleName}`)).size, ACCOUNTS * 3);
  assert.equal(calls(emu, 'ListAccountRoles', mark2), ACCOUNTS - saved, 'only the accounts not finished before are listed');
  assert.equal(calls(emu, 'ListAccounts', mark2), 0);
  assert.ok(calls(emu, 'ListAccountRoles', mark, 429) > 0, 'the portal did throttle');
});
