// Builds the RunOptions a command hands to src/auth from its flags and the terminal it runs in.
import type { RunOptions, BrowserMode } from '../auth/run-options.js';
import type { AwsssoProfile } from '../types.js';
import { createAsker, hasTerminal } from './prompts.js';
import { createProgress } from './progress.js';

// oclif's spinner redraws around stderr writes, so a line never tears it.
const say = (line: string) => void process.stderr.write(`awssso: ${line}\n`);

export async function buildRunOptions(
  profile: AwsssoProfile,
  flags: { spinner: boolean; headless: boolean; browser: BrowserMode; record?: string; noPerson?: boolean },
): Promise<RunOptions> {
  const whatToRun = `run \`awssso login -p ${profile.name}\` in a terminal`;
  const interactive = hasTerminal() && !flags.noPerson;
  const progress = await createProgress(flags.spinner && interactive);
  return {
    profile,
    asker: createAsker({ interactive, whatToRun }),
    progress,
    warn: say,
    inform: say,
    browser: { mode: flags.browser, headless: flags.headless },
    recordTo: flags.record,
    whatToRun,
    env: process.env,
  };
}
