// Worst-case wall time of a credential_process call (`awssso login --json`, default deadline)
// against servers that misbehave: one that sends headers and then a byte a second, one that never
// answers, and one that throttles with Retry-After. Each is a fault-injecting proxy in front of the
// emulator on 127.0.0.1; the role cache is bypassed (-r) so every run goes to the network.
//   node dist/bench/deadline.js [runs]
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_DEADLINE_SECONDS } from '../src/cli/deadline.js';
import { configuredKit, faultProxy, json } from '../test/hardening/kit.js';

const RUNS = Number(process.argv[2] ?? 1);

type Fault = (req: IncomingMessage, res: ServerResponse) => void;

const servers: [string, Fault][] = [
  ['headers, then one byte a second', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const drip = setInterval(() => res.write(' '), 1000);
    res.on('close', () => clearInterval(drip));
  }],
  ['never answers', () => {}],
  ['429 with Retry-After: 25', (_req, res) => json(res, 429, { message: 'Rate exceeded' }, { 'retry-after': '25', 'x-amzn-ErrorType': 'TooManyRequestsException' })],
  ['429 with Retry-After: 2', (_req, res) => json(res, 429, { message: 'Rate exceeded' }, { 'retry-after': '2', 'x-amzn-ErrorType': 'TooManyRequestsException' })],
];

const kit = await configuredKit();
// Interrupted (Ctrl-C, a timeout): still remove the temp home, which holds credentials.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void kit.close().finally(() => process.exit(130)));
try {
  console.log(`login --json against misbehaving servers; deadline ${DEFAULT_DEADLINE_SECONDS} s (AWSSSO_DEADLINE unset); worst of ${RUNS} run(s); node ${process.version}`);
  console.log('| server | worst wall | exit | tries | what it printed |');
  console.log('|---|---:|---:|---:|---|');
  for (const [name, fault] of servers) {
    let worst = 0;
    let last = { code: null as number | null, stderr: '' };
    let tries = 0;
    for (let i = 0; i < RUNS; i++) {
      let calls = 0;
      const proxy = await faultProxy(kit.emu, { '/federation/credentials': (req, res) => { calls++; fault(req, res); } });
      try {
        const start = process.hrtime.bigint();
        const res = await kit.sb.awssso(['login', '-p', 'dev', '--json', '-r'],
          { env: { AWS_ENDPOINT_URL_SSO: proxy.url }, timeoutMs: (DEFAULT_DEADLINE_SECONDS + 60) * 1000 });
        worst = Math.max(worst, Number(process.hrtime.bigint() - start) / 1e6);
        last = res;
        tries = Math.max(tries, calls);
      } finally {
        await proxy.close();
      }
    }
    const said = last.stderr.trim().split('\n').pop()!.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
    console.log(`| ${name} | ${(worst / 1000).toFixed(1)} s | ${last.code} | ${tries} | ${said} |`);
  }
} finally {
  await kit.close();
}
