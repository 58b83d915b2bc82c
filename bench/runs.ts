// Timing whole processes as an AWS tool starts them: each run under GNU time, stdout read
// through a pipe, subjects interleaved round by round; medians of wall and CPU time, peak RSS.
import { spawn } from 'node:child_process';
import { repoRoot } from '../test/helpers/paths.js';

export interface Subject { name: string; argv: string[]; env: NodeJS.ProcessEnv; times: number[]; cpu: number[]; peakKb: number }

export const subject = (name: string, argv: string[], env: NodeJS.ProcessEnv): Subject => ({ name, argv, env, times: [], cpu: [], peakKb: 0 });

/**
 * One run under GNU time: wall time seen from here; CPU time (user + system) and max RSS from
 * time(1). stdout is a pipe, as an AWS tool reads it. Asynchronous on purpose: an emulator in
 * this process must go on answering while it runs. `batch` runs the command that many times in a
 * row under one time(1), for a finer CPU figure; the figures are per run.
 */
export function timeOnce(name: string, argv: string[], env: NodeJS.ProcessEnv, batch = 1): Promise<{ ms: number; cpuMs: number; rssKb: number }> {
  const command = batch === 1 ? argv : ['sh', '-c', `for i in $(seq ${batch}); do "$@" || exit; done`, 'sh', ...argv];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', ...command], { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${name} failed (exit ${code}): ${stderr}`));
      const [user, system, rssKb] = stderr.trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
      resolve({ ms: ms / batch, cpuMs: ((user + system) * 1000) / batch, rssKb });
    });
  });
}

/**
 * Round-robin, so that a slower moment of the machine weighs on every subject alike. Each
 * figure is the mean of a batch of `batch` runs in a row.
 */
export async function measure(subjects: Subject[], runs: number, batch = 1): Promise<void> {
  for (let round = 0; round <= runs; round++) {
    for (const s of subjects) {
      const { ms, cpuMs, rssKb } = await timeOnce(s.name, s.argv, s.env, batch);
      if (round === 0) continue; // the first round warms the page cache (and node's compile cache)
      s.times.push(ms);
      s.cpu.push(cpuMs);
      s.peakKb = Math.max(s.peakKb, rssKb);
    }
  }
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A Markdown table, each subject against the first. */
export function printTable(subjects: Subject[]): void {
  const base = median(subjects[0]!.times);
  const baseCpu = median(subjects[0]!.cpu);
  console.log(`| command | wall | vs ${subjects[0]!.name} | CPU (user+sys) | vs ${subjects[0]!.name} | peak RSS |`);
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const s of subjects) {
    const m = median(s.times);
    const c = median(s.cpu);
    console.log(`| ${s.name} | ${m.toFixed(1)} ms | ${(m / base).toFixed(2)}x | ${c.toFixed(0)} ms | ${(c / baseCpu).toFixed(2)}x | ${(s.peakKb / 1024).toFixed(1)} MB |`);
  }
}
