// What every awssso command shares: the Python awssso's global options and one-line errors.
import { Command, Errors, Flags } from '@oclif/core';
import { AwsssoError } from '../errors.js';
import { printLine } from './stderr.js';
import { reportFailure } from './report-failure.js';

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
    if (err.oclif && err instanceof Errors.CLIError && err.name !== 'ExitError' && !(err instanceof AwsssoError)) {
      // a flag oclif refused: its several lines as one, as every awssso error is
      printLine(`${oneLine(err.message)} (see --help)`);
      this.exit(err.oclif.exit ?? 2);
    }
    // help, exit: oclif says it best
    if (err.oclif && !(err instanceof AwsssoError)) return super.catch(err);
    this.exit(reportFailure(err));
  }
}

/** oclif's "The following error occurred:" / reason / "See more help" as its reason alone. */
const oneLine = (text: string) =>
  text.split('\n').map((line) => line.trim())
    .filter((line) => line && !/^The following errors? occurred:$/.test(line) && !/^See more help with --help$/.test(line))
    .join(' ');
