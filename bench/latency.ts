// Every path a user meets, as whole processes against the same in-process emulator and role,
// interleaved round by round, next to node's own start and boto3's SSO provider doing the
// `-r` path's work (a cached token, one GetRoleCredentials). Prints medians and peak RSS as a
// markdown table with ratios, then the targets of issue 13 checked against them. --node runs node
// and awssso with another node binary (the bench itself, and its emulator, stay on this one).
//   node dist/bench/latency.js [runs] [--node PATH]
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { binRun } from '../test/helpers/paths.js';
import { LOOPBACK_ONLY } from '../test/browser/kit.js';
import type { RunningEmulator } from '../test/emulator/server.js';
import { inBenchHome } from './bench-home.js';
import { median, timeOnce } from './runs.js';

const args = process.argv.slice(2);
const nodeFlag = args.indexOf('--node');
const node = nodeFlag >= 0 ? args.splice(nodeFlag, 2)[1]! : process.execPath;
const RUNS = Number(args[0] ?? 9);

/** What one run must have asked of the emulator: a check that each row did the work it names. */
interface Expect { GetRoleCredentials: number; SsoToken: number }

interface Subject {
  name: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
  expect: Expect;
  times: number[];
  peakKb: number;
}


/** One run (runs.ts), checked to have asked the emulator for exactly what its row names. */
async function once(emu: RunningEmulator, s: Subject): Promise<{ ms: number; rssKb: number }> {
  const mark = emu.requests.length;
  const { ms, rssKb } = await timeOnce(s.name, s.argv, s.env);
  for (const op of ['GetRoleCredentials', 'SsoToken'] as const) {
    const seen = emu.requests.slice(mark).filter((r) => r.op === op && r.status === 200).length;
    if (seen !== s.expect[op]) throw new Error(`${s.name}: expected ${s.expect[op]} ${op}, saw ${seen}`);
  }
  return { ms, rssKb };
}

await inBenchHome(async ({ emu, sb, aws }) => {
  const awssso = (...argv: string[]) => [node, binRun, ...argv];
  /** The command as it ran before the fast paths: oclif straight away. */
  const oclifRun = (argv: string[]) => [node, '--input-type=module', '-e',
    `const { execute } = await import('@oclif/core'); await execute({ dir: ${JSON.stringify(pathToFileURL(binRun).href)}, args: ${JSON.stringify(argv)} });`];
  const login = ['login', '-p', 'bench'];
  const none: Expect = { GetRoleCredentials: 0, SsoToken: 0 };
  const fetch: Expect = { GetRoleCredentials: 1, SsoToken: 0 };
  const signIn: Expect = { GetRoleCredentials: 1, SsoToken: 1 };
  const subject = (name: string, argv: string[], expect: Expect, env = sb.env): Subject => ({ name, argv, env, expect, times: [], peakKb: 0 });
  const subjects = [
    subject('`node -e 0`', [node, '-e', '0'], none),
    subject('warm `login --json` (cached role credentials)', awssso(...login, '--json'), none),
    subject('`login --json -r` (stored session, one GetRoleCredentials)', awssso(...login, '--json', '-r'), fetch),
    subject('boto3 SSO provider (cached token, one GetRoleCredentials)',
      ['python3', '-c', `import boto3; boto3.Session(profile_name='sso').get_credentials().get_frozen_credentials()`],
      fetch, aws.env({ AWS_ENDPOINT_URL_SSO: emu.url })),
    subject('`login --json -f -r` (new HTTP sign-in, then the credentials)', awssso(...login, '--json', '-f', '-r'), signIn),
    subject('the same through oclif (no fast path)', oclifRun([...login, '--json', '-f', '-r']), signIn),
    subject('`login --json -f -r --browser-fallback` (the same through headless Chromium)',
      awssso(...login, '--json', '-f', '-r', '--browser-fallback'), signIn),
    subject('`awssso --version` (oclif start)', awssso('--version'), none),
  ];
  // Round 0 warms the page cache; it is not counted.
  for (let round = 0; round <= RUNS; round++) {
    for (const s of subjects) {
      const { ms, rssKb } = await once(emu, s);
      if (round === 0) continue;
      s.times.push(ms);
      s.peakKb = Math.max(s.peakKb, rssKb);
    }
  }

  const [base, warm, renew, boto, httpSignIn, oclifSignIn, browserSignIn] = subjects.map((s) => median(s.times)) as number[];
  const baseRss = subjects[0]!.peakKb;
  console.log(`${RUNS} runs each, interleaved; medians of wall time, peak RSS from time(1); node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}, ` +
    `${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}`);
  console.log('');
  console.log('| path | median | x `node -e 0` | peak RSS | x `node -e 0` |');
  console.log('|---|---:|---:|---:|---:|');
  for (const s of subjects) {
    const m = median(s.times);
    console.log(`| ${s.name} | ${m.toFixed(0)} ms | ${(m / base!).toFixed(2)} | ${(s.peakKb / 1024).toFixed(1)} MB | ${(s.peakKb / baseRss).toFixed(2)} |`);
  }
  const rssRenew = subjects[2]!.peakKb / baseRss;
  const check = (ok: boolean, text: string) => console.log(`- ${ok ? 'met' : 'NOT met'}: ${text}`);
  console.log('');
  check(warm! / base! <= 1.15, `warm \`login --json\` ${(warm! / base!).toFixed(2)}x \`node -e 0\` (target <= 1.15x)`);
  check(renew! / base! <= 2.5, `\`login --json -r\` ${(renew! / base!).toFixed(2)}x \`node -e 0\` (target <= 2.5x)`);
  check(renew! <= boto! / 2, `\`login --json -r\` takes ${(renew! / boto!).toFixed(2)} of boto3's time (target <= 0.5)`);
  console.log(`- the sign-in path takes ${(httpSignIn! / oclifSignIn!).toFixed(2)} of the oclif command's time`);
  check(browserSignIn! / httpSignIn! >= 10, `the HTTP sign-in is ${(browserSignIn! / httpSignIn!).toFixed(1)}x faster than the browser's (target >= 10x)`);
  check(rssRenew <= 1.5, `peak RSS of \`login --json -r\` ${rssRenew.toFixed(2)}x \`node -e 0\`'s (target <= 1.5x)`);
}, { AWSSSO_CHROME_ARGS: LOOPBACK_ONLY });
