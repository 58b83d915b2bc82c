// Every line awssso prints on stderr goes through here: prefixed, on one line, cleaned of control
// characters and cut to a readable length (names and messages come from the network).
import { printable } from '../output/printable.js';

export function printLine(line: string): void {
  process.stderr.write(`awssso: ${printable(line)}\n`);
}
