// Runs a command as `awssso exec` does: stdin, stdout and stderr are the child's; SIGTERM, SIGHUP
// and SIGQUIT sent to awssso are passed on; Ctrl-C reaches the child from the terminal itself (same
// process group), so awssso only waits for it. The exit status to give back is the child's, or
// 128 + the signal number when a signal ended it, as shells report it.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { AwsssoError } from '../errors.js';

const FORWARDED = ['SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

export function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const ignore = () => {};
    for (const signal of FORWARDED) process.on(signal, forward);
    process.on('SIGINT', ignore);
    const stop = () => {
      for (const signal of FORWARDED) process.off(signal, forward);
      process.off('SIGINT', ignore);
    };
    child.once('error', (err: NodeJS.ErrnoException) => {
      stop();
      // 127 and 126, as a shell says "not found" and "cannot run"
      if (err.code === 'ENOENT') reject(new AwsssoError(`${command}: command not found`, 127));
      else reject(new AwsssoError(`cannot run ${command}: ${err.code ?? err.message}`, 126));
    });
    child.once('exit', (code, signal) => {
      stop();
      resolve(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
    });
  });
}
