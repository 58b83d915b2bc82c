// Builds the RunOptions a command hands to src/auth from its flags and the terminal it runs in.
import type { RunOptions, BrowserMode } from '../auth/run-options.js';
import type { AwsssoProfile } from '../types.js';
import { createAsker, hasTerminal } from './prompts.js';
import { createProgress } from './progress.js';
import { printLine } from './stderr.js';
import { deadlineSeconds, startDeadline } from './deadline.js';

export async function buildRunOptions(
  profile: AwsssoProfile,
  flags: { spinner: boolean; headless: boolean; browser: BrowserMode; record?: string; noPerson?: boolean; deadline?: boolean },
): Promise<RunOptions> {
  const whatToRun = `run \`awssso login -p ${profile.name}\` in a terminal`;
  const interactive = hasTerminal() && !flags.noPerson;
  const shown = await createProgress(flags.spinner && interactive);
  // The last step, shown or not, is what a run past its deadline says it was doing.
  let doing: string | undefined;
  const progress = { ...shown, step: (message: string) => { doing = message; shown.step(message); } };
  const deadline = flags.deadline ? startDeadline(deadlineSeconds(process.env), () => doing) : undefined;
  return {
    profile,
    asker: createAsker({ interactive, whatToRun }),
    progress,
    deadline,
    // oclif's spinner redraws around stderr writes, so a line never tears it.
    warn: printLine,
    inform: printLine,
    browser: { mode: flags.browser, headless: flags.headless },
    recordTo: flags.record,
    whatToRun,
    env: process.env,
  };
}
