// What every awssso command shares: the Python awssso's global options and one-line errors.
import { Command, Flags } from '@oclif/core';
import { AwsssoError } from '../errors.js';
import { reportFailure } from './report-failure.js';

export abstract class AwsssoCommand extends Command {
  static override baseFlags = {
    region: Flags.string({
      description: 'IAM Identity Center region (default: AWSSSO_REGION, AWS_DEFAULT_REGION, then the profile\'s)',
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
    // flag parsing, help, exit: oclif says it best
    if (err.oclif && !(err instanceof AwsssoError)) return super.catch(err);
    this.exit(reportFailure(err));
  }
}
