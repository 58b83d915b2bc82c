// Files written beside the answer (role cache, cookie jar, portal session, --record HAR) only
// save work for the next run: failing to write one is a warning, never a failed run once the
// credentials are on their way.

/** Runs `write`; on failure warns "could not <what>: <why>" and returns false. */
export async function sideFile(run: { warn(line: string): void }, what: string, write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    run.warn(`could not ${what}: ${(err as Error).message.split('\n')[0]}`);
    return false;
  }
}
