// What every awssso command shares: the Python awssso's global options and one-line errors.
import { Command, Flags } from '@oclif/core';
import { AwsssoError } from '../errors.js';

export abstract class AwsssoCommand extends Command {
  static override baseFlags = {
    region: Flags.string({
      description: 'IAM Identity Center region (default: AWSSSO_REGION, then the profile\'s, then AWS_REGION or AWS_DEFAULT_REGION)',
      helpGroup: 'GLOBAL',
    }),
    headless: Flags.boolean({
      description: 'run the browser fallback headless; --no-headless shows the window',
      default: true,
      allowNo: true,
      helpGroup: 'GLOBAL',
    }),
    spinner: Flags.boolean({
      description: 'show progress on stderr when it is a terminal; --no-spinner turns it off',
      default: true,
      allowNo: true,
      helpGroup: 'GLOBAL',
    }),
  };

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<void> {
    if (err instanceof AwsssoError) {
      process.stderr.write(`awssso: ${err.message}\n`);
      this.exit(err.exitCode);
    }
    if (err.oclif) return super.catch(err); // flag parsing, help, exit: oclif says it best
    process.stderr.write(`awssso: unexpected error: ${firstLine(err.message)}\n`);
    if (process.env.AWSSSO_DEBUG) process.stderr.write(`${err.stack}\n`);
    this.exit(1);
  }
}

const firstLine = (text: string) => text.split('\n', 1)[0];
