// Questions to the person at the terminal. Prompts draw on stderr so stdout carries only the
// requested output; with no terminal (or under credential_process) every question is an error
// that says what to run instead, never a hang.
import { isatty } from 'node:tty';
import { NeedsPerson } from '../errors.js';
import type { Asker } from '../auth/ports.js';
import { printable } from '../output/printable.js';

export function createAsker(opts: { interactive: boolean; whatToRun: string }): Asker {
  if (!opts.interactive) {
    const refuse = (message: string): never => {
      throw new NeedsPerson(`${message.replace(/:$/, '')} is needed and there is no terminal to ask: ${opts.whatToRun}`);
    };
    return {
      canAsk: false,
      text: async (message, defaultValue) => defaultValue ?? refuse(message),
      secret: async (message) => refuse(message),
      choose: async (message) => refuse(message),
    };
  }
  const context = { input: process.stdin, output: process.stderr, clearPromptOnDone: false };
  const required = (v: string) => (v.trim() ? true : 'a value is required');
  return {
    canAsk: true,
    async text(message, defaultValue) {
      const { input } = await import('@inquirer/prompts');
      return (await input({ message, default: defaultValue, validate: required }, context)).trim();
    },
    async secret(message, { optional = false } = {}) {
      const { password } = await import('@inquirer/prompts');
      return password({ message, mask: '*', validate: optional ? undefined : required }, context);
    },
    async choose(message, choices) {
      const { select } = await import('@inquirer/prompts');
      // names come from the portal: cleaned and cut like every printed line
      return select({ message, choices: choices.map((c) => ({ ...c, name: printable(c.name, 120) })), pageSize: 15 }, context);
    },
  };
}

/** A terminal on both ends: stdin to read answers from and stderr to draw prompts on. */
// isatty(0), not process.stdin.isTTY: making process.stdin opens a stream on a piped stdin that
// reads ahead, and `exec` hands that stdin to its command untouched.
export const hasTerminal = () => isatty(0) && Boolean(process.stderr.isTTY);
