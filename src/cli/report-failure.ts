// How a failed run ends, with or without oclif: one clean line on stderr and the exit code of its
// class (src/errors.ts); the stack of an unexpected error only with AWSSSO_DEBUG.
import { AwsssoError, EXIT } from '../errors.js';
import { printLine } from './stderr.js';
import { escapedConnectionError } from '../http/escaped-errors.js';

/** Prints the failure and returns the exit code to end with. */
export function reportFailure(error: Error, env: NodeJS.ProcessEnv = process.env): number {
  const err = escapedConnectionError(error) ?? error;
  if (err instanceof AwsssoError) {
    printLine(err.message);
    return err.exitCode;
  }
  printLine(`unexpected error: ${err.message.split('\n', 1)[0]}`);
  if (env.AWSSSO_DEBUG) process.stderr.write(`${err.stack}\n`);
  return EXIT.failed;
}
