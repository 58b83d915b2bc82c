// Temporary files that hold secrets (a console page with a sign-in token, a credentials file
// being replaced) are removed when the process is interrupted (SIGINT, SIGTERM, SIGHUP), not only
// when their code reaches its `finally`. Node built-ins only.
import { rmSync } from 'node:fs';
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const live = new Set<string>();
let installed = false;

function removeAll(): void {
  for (const path of live) rmSync(path, { recursive: true, force: true });
  live.clear();
}

/** Removes `path` (file or directory) if a signal ends the process; the returned function forgets it. */
export function removeOnSignal(path: string): () => void {
  if (!installed) {
    installed = true;
    for (const signal of SIGNALS) {
      process.on(signal, () => {
        removeAll();
        // Exit as the signal would have (128 + its number), through the exit hooks that release locks.
        process.exit(128 + constants.signals[signal]);
      });
    }
  }
  live.add(path);
  return () => void live.delete(path);
}
