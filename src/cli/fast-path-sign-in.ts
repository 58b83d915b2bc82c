// The third fast path: `login --json` / `-e` that the cache and the stored session could not
// answer (or -f) runs the login command's own code (login-credentials.ts: the session or a
// sign-in, the locks, the cache) without oclif, from one bundle (dist/fast-path-sign-in.cjs) that
// holds got, tough-cookie and jose too: loading ~300 module files one by one cost more than the
// sign-in's round trips. Output, errors and exit codes are the command's (report-failure.ts).
import { withLoginCredentials } from './login-credentials.js';
import { formatAnswer, writeStdout } from './fast-path.js';
import { parseFastRequest } from './fast-flags.js';
import { reportFailure } from './report-failure.js';

/** Runs `login argv` when a fast path may; false when oclif must (the argv is not one of ours). */
export async function answerBySigningIn(argv: readonly string[]): Promise<boolean> {
  const req = parseFastRequest(argv);
  if (!req) return false;
  try {
    await withLoginCredentials({
      profile: req.profile,
      ...(req.region === undefined ? {} : { region: req.region }),
      spinner: req.spinner,
      headless: req.headless,
      json: req.output === 'json',
      export: req.output === 'export',
      browserFallback: false,
      interactive: false,
      forceRefresh: req.forceRefresh,
      renew: req.renew,
    }, async ({ credentials }) => {
      writeStdout(formatAnswer(req, credentials));
    });
  } catch (err) {
    process.exitCode = reportFailure(err instanceof Error ? err : new Error(String(err)));
  }
  return true;
}
