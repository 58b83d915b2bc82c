// How fast `awssso ls --roles --json` lists a large organisation under the portal's rate limit,
// and how close to the limit it gets. For each limit: 2,000 accounts x 3 roles (or as given),
// the emulator allowing `limit` calls per second of each portal listing operation.
//   node dist/bench/list.js [accounts] [limit ...]      (default: 2000 20 50)
import { startEmulator } from '../test/emulator/server.js';
import { sandbox } from '../test/helpers/cli.js';

const ACCOUNTS = Number(process.argv[2] ?? 2000);
const LIMITS = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [20, 50];
const ROLES = 3;

async function once(limit: number): Promise<void> {
  const emu = await startEmulator({
    scenario: { accounts: ACCOUNTS, rolesPerAccount: ROLES, throttle: { perSecond: limit, operations: ['ListAccounts', 'ListAccountRoles'] } },
  });
  const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
  try {
    const configured = await sb.configure('bench', ['--account-id', '100000000001', '--role-name', 'ReadOnlyAccess']);
    if (configured.code !== 0) throw new Error(configured.stderr);
    const mark = emu.requests.length;
    const start = performance.now();
    const listed = await sb.awssso(['ls', '-p', 'bench', '--roles', '--json'], { timeoutMs: 30 * 60_000 });
    const elapsed = performance.now() - start;
    if (listed.code !== 0) throw new Error(listed.stderr);
    const rows = (JSON.parse(listed.stdout) as unknown[]).length;
    if (rows !== ACCOUNTS * ROLES) throw new Error(`listed ${rows} roles, expected ${ACCOUNTS * ROLES}`);
    const calls = emu.requests.slice(mark).filter((r) => r.op === 'ListAccountRoles');
    const ok = calls.filter((r) => r.status === 200);
    const throttled = calls.filter((r) => r.status === 429).length;
    // The role phase: first to last ListAccountRoles, the part the limit governs.
    const phaseMs = Date.parse(calls.at(-1)!.time) - Date.parse(calls[0]!.time) + 1;
    const rate = (ok.length - 1) / (phaseMs / 1000);
    console.log(`| ${limit}/s | ${ACCOUNTS} x ${ROLES} | ${rows} | ${(elapsed / 1000).toFixed(1)} s | ${rate.toFixed(1)}/s | ${(rate / limit).toFixed(2)} | ${throttled} |`);
  } finally {
    await sb.remove();
    await emu.close();
  }
}

console.log('| limit | accounts x roles | roles listed | elapsed (ls) | ListAccountRoles rate | of the limit | 429s |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const limit of LIMITS) await once(limit);
