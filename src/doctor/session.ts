// The stored portal session: is there one, does the portal still take it (whoAmI), and until when.
import { SessionExpired } from '../errors.js';
import { SessionStore } from '../auth/session-store.js';
import { portalEndpoint } from '../http/endpoints.js';
import { PortalClient } from '../http/portal.js';
import { skipped, verdict, type Check } from './check.js';

const inHours = (ms: number) => `${Math.floor(ms / 3600_000)} h ${Math.floor((ms % 3600_000) / 60_000)} min`;

export const session: Check = async (ctx) => {
  const { profile, secrets, http } = ctx;
  if (!profile || !secrets) return skipped('session', profile ? 'no secret store' : 'no profile');
  const login = `run \`awssso login -p ${profile.name}\``;
  const stored = await new SessionStore(secrets, profile.username, profile.url).load();
  if (!stored) return verdict('session', 'warn', 'no portal session is stored (or it has expired): the next login signs in', login);
  if (!http) return skipped('session', 'the portal does not answer');
  try {
    const who = await new PortalClient(http, portalEndpoint(profile.region, ctx.env), stored.token).whoAmI();
    const until = who.expiresAt ?? stored.expiresAt;
    return verdict('session', 'ok', `the portal takes the stored session; it ends ${new Date(until).toISOString()} (in ${inHours(until - Date.now())})`);
  } catch (error) {
    if (error instanceof SessionExpired) return verdict('session', 'warn', 'the portal refused the stored session: the next login signs in again', login);
    return verdict('session', 'fail', (error as Error).message);
  }
};
