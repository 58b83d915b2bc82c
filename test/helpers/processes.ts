// Child processes for tests: free ports, spawning with a deadline, waiting for a line or a
// listening port, and killing by process group so that shims (pyenv) and their children go too.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Bytes written to stdin, which is then closed. Without it stdin is closed at once. */
  input?: string;
  /** The process group is killed after this many ms (default 60 s). */
  timeoutMs?: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** A spawned process whose output is collected; `kill()` ends its whole process group. */
export class Proc {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout = '';
  stderr = '';
  timedOut = false;
  readonly exited: Promise<Exit>;
  private readonly listeners = new Set<() => void>();
  private readonly timer: NodeJS.Timeout;

  constructor(command: string, args: readonly string[], opts: SpawnOptions = {}) {
    this.child = spawn(command, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Own process group: kill(-pid) reaches the shim and everything it started.
      detached: true,
    });
    if (this.child.pid === undefined) throw new Error(`could not spawn ${command}`);
    this.pid = this.child.pid;
    live.add(this);
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { this.stdout += chunk; this.notify(); });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { this.stderr += chunk; this.notify(); });
    this.child.stdin!.on('error', () => { /* the child may exit before reading its input */ });
    this.child.stdin!.end(opts.input ?? '');
    this.timer = setTimeout(() => { this.timedOut = true; this.kill('SIGKILL'); }, opts.timeoutMs ?? 60_000);
    // The deadline alone must not keep a finished test file alive; the exit hook kills leftovers.
    this.timer.unref();
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('close', (code, signal) => {
        clearTimeout(this.timer);
        live.delete(this);
        this.notify();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr, timedOut: this.timedOut });
      });
    });
  }

  get running(): boolean {
    return live.has(this);
  }

  /** Resolves with the first match of `pattern` in stdout+stderr; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = (this.stdout + '\n' + this.stderr).match(pattern);
        if (match) return done(() => resolve(match));
        if (!this.running) {
          return done(() => reject(new Error(`process ${this.pid} exited before printing ${pattern}\n${tail(this.stderr)}`)));
        }
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`process ${this.pid} did not print ${pattern} within ${timeoutMs} ms\n${tail(this.stderr)}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Signals the whole process group (no-op once it has exited). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.running) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  async stop(graceMs = 3_000): Promise<Exit> {
    this.kill('SIGTERM');
    const force = setTimeout(() => this.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(force);
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const live = new Set<Proc>();
// A test that crashes or times out must not leave servers behind.
process.once('exit', () => {
  for (const proc of live) proc.kill('SIGKILL');
});

/** Runs a command to its end (killed after `timeoutMs`) and returns its output. */
export async function run(command: string, args: readonly string[], opts: SpawnOptions = {}): Promise<Exit> {
  return new Proc(command, args, opts).exited;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs = 20_000, proc?: Proc): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (proc && !proc.running) throw new Error(`process ${proc.pid} exited before listening on ${port}\n${tail(proc.stderr)}`);
    if (Date.now() > deadline) throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A fresh temp directory and its removal. */
export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
