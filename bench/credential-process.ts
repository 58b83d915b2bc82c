// How fast `credential_process = awssso login --json` answers, next to node's own start, the
// same command through the full oclif path, and boto3's own SSO provider fetching the same role
// from the same emulator (what a user of the AWS tools gets). Prints medians and peak RSS.
//   node dist/bench/credential-process.js [runs]
import { pathToFileURL } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { binRun } from '../test/helpers/paths.js';
import { measure, median, printTable, subject } from './runs.js';
import { inBenchHome } from './bench-home.js';

const RUNS = Number(process.argv[2] ?? 21);
await inBenchHome(async ({ emu, sb, aws }) => {
  const oclif = `const { execute } = await import('@oclif/core');
    await execute({ dir: ${JSON.stringify(pathToFileURL(binRun).href)}, args: ['login', '-p', 'bench', '--json'] });`;
  const boto3 = `import boto3; boto3.Session(profile_name='sso').get_credentials().get_frozen_credentials()`;
  const subjects = [
    subject('node -e 0', [process.execPath, '-e', '0'], sb.env),
    subject('awssso login --json (warm cache)', [process.execPath, binRun, 'login', '-p', 'bench', '--json'], sb.env),
    subject('same through oclif (no fast path)', [process.execPath, '--input-type=module', '-e', oclif], sb.env),
    subject('boto3 SSO provider (token cache)', ['python3', '-c', boto3], aws.env({ AWS_ENDPOINT_URL_SSO: emu.url })),
  ];
  const grcBefore = emu.requests.filter((r) => r.op === 'GetRoleCredentials').length;
  await measure(subjects, RUNS);
  const grcDuring = emu.requests.filter((r) => r.op === 'GetRoleCredentials' && r.status === 200).length - grcBefore;
  // boto3 must really have fetched the role each time, and nothing else may have.
  if (grcDuring !== RUNS + 1) throw new Error(`expected ${RUNS + 1} GetRoleCredentials (boto3 only), saw ${grcDuring}`);

  const [, ours, full, boto] = subjects.map((s) => median(s.times)) as [number, number, number, number];
  console.log(`credential_process, ${RUNS} runs each, interleaved; medians (CPU from time(1), 10 ms steps); node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}`);
  printTable(subjects);
  console.log(`awssso warm is ${(boto / ours).toFixed(1)}x faster than boto3's provider and ${(full / ours).toFixed(1)}x faster than the oclif path`);
});
