// Progress for slow steps, on stderr only (oclif's ux.action), silent without a terminal or
// with --no-spinner so scripts and credential_process see nothing but errors.
import type { Progress } from '../auth/ports.js';
import { printable } from '../output/printable.js';

export const silentProgress: Progress = { step() {}, done() {}, around: (fn) => fn() };

export async function createProgress(enabled: boolean): Promise<Progress> {
  if (!enabled || !process.stderr.isTTY) return silentProgress;
  const { ux } = await import('@oclif/core');
  let running = false;
  return {
    step(message) {
      ux.action.start(printable(message, 120)); // ends the step before it, if any, with "done"
      running = true;
    },
    done() {
      if (running) ux.action.stop();
      running = false;
    },
    async around(fn) {
      if (!running) return fn();
      return ux.action.pauseAsync(fn);
    },
  };
}
