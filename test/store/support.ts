// Shared by the store tests: temp dirs that are always removed, and real child processes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/** A fresh temp dir, removed when the test ends. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'awssso-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** file: URL of a compiled store module, for child processes to import. */
export const storeModule = (name: string) => new URL(`../../src/store/${name}.js`, import.meta.url).href;

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run a program to its end; `input` goes to its stdin (secrets never go in argv). */
export function run(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Run ES module code in a child node; it reads its inputs from the environment. */
export const runNode = (code: string, env?: NodeJS.ProcessEnv) => run(process.execPath, ['--input-type=module', '-e', code], { env });

/** Run Python code (botocore is installed for python3). */
export const runPython = (code: string, opts: { env?: NodeJS.ProcessEnv; input?: string } = {}) => run('python3', ['-c', code], opts);
