// How fast `credential_process = awssso login --json` answers, next to node's own start, the
// same command through the full oclif path, and boto3's own SSO provider fetching the same role
// from the same emulator (what a user of the AWS tools gets). Prints medians and peak RSS.
//   node dist/bench/credential-process.js [runs]
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { startEmulator } from '../test/emulator/server.js';
import { sandbox } from '../test/helpers/cli.js';
import { binRun, repoRoot } from '../test/helpers/paths.js';
import { signInToEmulator, oidcDeviceToken } from '../test/helpers/portal-session.js';
import { createAwsHome } from '../test/aws-clients/aws-home.js';

const RUNS = Number(process.argv[2] ?? 21);
const ACCOUNT = '111122223333';
const ROLE = 'ReadOnlyAccess';

interface Subject { name: string; argv: string[]; env: NodeJS.ProcessEnv; times: number[]; cpu: number[]; peakKb: number }

/**
 * One run under GNU time: wall time seen from here; CPU time (user + system) and max RSS from
 * time(1). stdout is a pipe, as an AWS tool reads it. Asynchronous on purpose: the emulator
 * lives in this process and must answer boto3 while it runs.
 */
function once(s: Subject): Promise<{ ms: number; cpuMs: number; rssKb: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', ...s.argv], { env: s.env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${s.name} failed (exit ${code}): ${stderr}`));
      const [user, system, rssKb] = stderr.trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
      resolve({ ms, cpuMs: (user + system) * 1000, rssKb });
    });
  });
}

/** Round-robin, so that a slower moment of the machine weighs on every subject alike. */
async function measure(subjects: Subject[]): Promise<void> {
  for (let round = 0; round <= RUNS; round++) {
    for (const s of subjects) {
      const { ms, cpuMs, rssKb } = await once(s);
      if (round === 0) continue; // the first round warms the page cache
      s.times.push(ms);
      s.cpu.push(cpuMs);
      s.peakKb = Math.max(s.peakKb, rssKb);
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const emu = await startEmulator();
const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
const aws = await createAwsHome({ startUrl: emu.startUrl, region: emu.region, profiles: [{ name: 'sso', accountId: ACCOUNT, roleName: ROLE }] });
let cleaning: Promise<void> | undefined;
const cleanUp = () => (cleaning ??= (async () => {
  await aws.remove();
  await sb.remove();
  await emu.close();
})());
// Interrupted (Ctrl-C, a timeout): still remove the temp homes, which hold credentials.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
try {
  const configured = await sb.configure('bench', ['--account-id', ACCOUNT, '--role-name', ROLE]);
  if (configured.code !== 0) throw new Error(configured.stderr);
  const warm = await sb.awssso(['login', '-p', 'bench', '--json']);
  if (warm.code !== 0) throw new Error(warm.stderr);

  const token = await oidcDeviceToken(emu, await signInToEmulator(emu));
  await aws.writeTokenCache({
    startUrl: emu.startUrl,
    region: emu.region,
    accessToken: token.accessToken,
    expiresAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  });

  const oclif = `const { execute } = await import('@oclif/core');
    await execute({ dir: ${JSON.stringify(pathToFileURL(binRun).href)}, args: ['login', '-p', 'bench', '--json'] });`;
  const boto3 = `import boto3; boto3.Session(profile_name='sso').get_credentials().get_frozen_credentials()`;
  const subject = (name: string, argv: string[], env: NodeJS.ProcessEnv): Subject => ({ name, argv, env, times: [], cpu: [], peakKb: 0 });
  const subjects = [
    subject('node -e 0', [process.execPath, '-e', '0'], sb.env),
    subject('awssso login --json (warm cache)', [process.execPath, binRun, 'login', '-p', 'bench', '--json'], sb.env),
    subject('same through oclif (no fast path)', [process.execPath, '--input-type=module', '-e', oclif], sb.env),
    subject('boto3 SSO provider (token cache)', ['python3', '-c', boto3], aws.env({ AWS_ENDPOINT_URL_SSO: emu.url })),
  ];
  const grcBefore = emu.requests.filter((r) => r.op === 'GetRoleCredentials').length;
  await measure(subjects);
  const grcDuring = emu.requests.filter((r) => r.op === 'GetRoleCredentials' && r.status === 200).length - grcBefore;
  // boto3 must really have fetched the role each time, and nothing else may have.
  if (grcDuring !== RUNS + 1) throw new Error(`expected ${RUNS + 1} GetRoleCredentials (boto3 only), saw ${grcDuring}`);

  const [base, ours, full, boto] = subjects.map((s) => median(s.times)) as [number, number, number, number];
  const baseCpu = median(subjects[0]!.cpu);
  console.log(`credential_process, ${RUNS} runs each, interleaved; medians (CPU from time(1), 10 ms steps); node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}`);
  console.log('| command | wall | vs node -e 0 | CPU (user+sys) | vs node -e 0 | peak RSS |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const s of subjects) {
    const m = median(s.times);
    const c = median(s.cpu);
    console.log(`| ${s.name} | ${m.toFixed(1)} ms | ${(m / base).toFixed(2)}x | ${c.toFixed(0)} ms | ${(c / baseCpu).toFixed(2)}x | ${(s.peakKb / 1024).toFixed(1)} MB |`);
  }
  console.log(`awssso warm is ${(boto / ours).toFixed(1)}x faster than boto3's provider and ${(full / ours).toFixed(1)}x faster than the oclif path`);
} finally {
  await cleanUp();
}
