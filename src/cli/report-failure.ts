// How a failed run ends, with or without oclif: one line on stderr and the exit code of its
// class (src/errors.ts); the stack of an unexpected error only with AWSSSO_DEBUG.
import { AwsssoError, EXIT } from '../errors.js';

/** Prints the failure and returns the exit code to end with. */
export function reportFailure(err: Error, env: NodeJS.ProcessEnv = process.env): number {
  if (err instanceof AwsssoError) {
    process.stderr.write(`awssso: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`awssso: unexpected error: ${err.message.split('\n', 1)[0]}\n`);
  if (env.AWSSSO_DEBUG) process.stderr.write(`${err.stack}\n`);
  return EXIT.failed;
}
