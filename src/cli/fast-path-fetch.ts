// The second fast path: `login --json` / `-e` whose cached role credentials are missing, stale
// or renewed (-r) gets them from the stored portal session with one GetRoleCredentials over
// node's own http, without oclif, got or any sign-in module (bundled apart, as
// dist/fast-path-fetch.cjs, and loaded only on a cache miss). It keeps the full command's rules:
// the same role and session locks, the 15-minute rule, the cache, the output bytes. Whatever it
// cannot finish (no stored session, a 401, a warning to print, anything odd) returns false with
// nothing printed, and the sign-in path (fast-path-sign-in.ts) or oclif takes over: it signs in
// and explains failures.
import { resolveProfile } from '../auth/profile.js';
import { roleCredentials } from '../auth/role-credentials.js';
import { storedSessionAccess } from '../auth/stored-session-access.js';
import { formatAnswer, writeStdout } from './fast-path.js';
import { parseFastRequest } from './fast-flags.js';
import { silentProgress } from './progress.js';

class HandOver extends Error {}

/** Prints the credentials fetched with the stored session and says whether it could. */
export async function answerByFetching(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const req = parseFastRequest(argv);
  // AWSSSO_DEBUG logs every request through got's hooks: the full way, so that none is missed.
  if (!req || req.forceRefresh || env.AWSSSO_DEBUG) return false;
  let text: string;
  try {
    const profile = resolveProfile(req.profile, { region: req.region }, env);
    const run = {
      profile,
      env,
      progress: silentProgress,
      // What the full command would say on stderr, it says itself.
      warn: (line: string) => {
        throw new HandOver(line);
      },
    };
    const credentials = await roleCredentials(run, async () => storedSessionAccess(run), { forceSignIn: false, renew: req.renew });
    text = formatAnswer(req, credentials);
  } catch {
    return false;
  }
  // Outside the try, as on the warm path: a failed write must not make the full command print again.
  writeStdout(text);
  return true;
}
