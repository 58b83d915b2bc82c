// A credential_process call (`login --json`) must end in bounded time whatever the network does:
// an AWS tool waits for it, often holding up a person or a pipeline. When the deadline passes,
// one line says what the run was waiting for, and the process exits (its locks are released by
// the exit hooks, its temporary files removed).
import { ConfigError } from '../errors.js';
import { printLine } from './stderr.js';

export const DEFAULT_DEADLINE_SECONDS = 40;

/** AWSSSO_DEADLINE (seconds, 1 to 3600) or the default. */
export function deadlineSeconds(env: NodeJS.ProcessEnv): number {
  const set = env.AWSSSO_DEADLINE;
  if (set === undefined || set === '') return DEFAULT_DEADLINE_SECONDS;
  const seconds = Number(set);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) {
    throw new ConfigError(`AWSSSO_DEADLINE must be a number of seconds from 1 to 3600, not ${set}`);
  }
  return seconds;
}

/** Starts the clock; returns the deadline as epoch ms. `doing` names what the run is waiting for. */
export function startDeadline(seconds: number, doing: () => string | undefined): number {
  const timer = setTimeout(() => {
    const what = doing();
    printLine(`gave up after ${seconds} s (AWSSSO_DEADLINE)${what ? ` while: ${what}` : ''}`);
    process.exit(1);
  }, seconds * 1000);
  timer.unref(); // a finished run does not wait for it
  return Date.now() + seconds * 1000;
}
