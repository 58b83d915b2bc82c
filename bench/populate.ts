// How long `awssso populate` takes at large-organisation scale: 2,000 accounts x 3 roles (or as
// given), listing cached after the first run, no rate limit. Prints one line per run.
//   node dist/bench/populate.js [accounts]
import { startEmulator } from '../test/emulator/server.js';
import { sandbox } from '../test/helpers/cli.js';

const ACCOUNTS = Number(process.argv[2] ?? 2000);
const emu = await startEmulator({ scenario: { accounts: ACCOUNTS, rolesPerAccount: 3 } });
const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
try {
  const configured = await sb.configure('org', ['--account-id', '100000000001', '--role-name', 'ReadOnlyAccess']);
  if (configured.code !== 0) throw new Error(configured.stderr);
  const runs: [string, string[]][] = [
    ['first run (lists accounts and roles)', ['--region', 'eu-west-1']],
    ['unchanged re-run', ['--region', 'eu-west-1']],
    ['as many new profiles again (other --name)', ['--name', '{account_id}-{role_name}']],
    ['--prune of those', ['--prune']],
  ];
  console.log(`| populate, ${ACCOUNTS} accounts x 3 roles | elapsed | report |`);
  console.log('|---|---:|---|');
  for (const [what, args] of runs) {
    const start = performance.now();
    const done = await sb.awssso(['populate', '-p', 'org', ...args], { timeoutMs: 30 * 60_000 });
    if (done.code !== 0) throw new Error(done.stderr);
    const report = done.stderr.split('\n')[0]!.replace(/^awssso: /, '').replace(/ \(\/.*\)$/, '');
    console.log(`| ${what} | ${((performance.now() - start) / 1000).toFixed(1)} s | ${report} |`);
  }
} finally {
  await sb.remove();
  await emu.close();
}
