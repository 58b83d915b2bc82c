// `status`: for each profile, who is signed in where and until when (the stored session, checked
// with whoAmI without ever signing in), the cached role credentials and where the secrets are.
// Offline, what is stored is still shown, with why the session could not be checked.
import type { AwsssoProfile } from '../types.js';
import type { RunOptions } from './run-options.js';
import { PortalAccess } from './portal-access.js';
import { readRoleCache } from '../store/role-cache.js';
import type { ProfileStatus } from '../output/status.js';

type SessionStatus = ProfileStatus['session'];

/** `runFor` gives the run options of one profile (no prompts, no browser). */
export async function profileStatuses(
  profiles: AwsssoProfile[],
  runFor: (profile: AwsssoProfile) => Promise<RunOptions>,
  env: NodeJS.ProcessEnv,
): Promise<ProfileStatus[]> {
  // One whoAmI per user and start URL: their profiles share the session.
  const sessions = new Map<string, Promise<{ session: SessionStatus; store: 'keyring' | 'file' }>>();
  const statuses: ProfileStatus[] = [];
  for (const profile of profiles) {
    const key = JSON.stringify([profile.username, profile.url]);
    if (!sessions.has(key)) sessions.set(key, checkSession(await runFor(profile)));
    const { session, store } = await sessions.get(key)!;
    const cached = profile.accountId && profile.roleName
      ? readRoleCache({ startUrl: profile.url, accountId: profile.accountId, roleName: profile.roleName }, env).credentials
      : undefined;
    statuses.push({
      profile: profile.name,
      url: profile.url,
      region: profile.region,
      username: profile.username,
      ...(profile.accountId ? { accountId: profile.accountId } : {}),
      ...(profile.roleName ? { roleName: profile.roleName } : {}),
      session,
      ...(profile.accountId && profile.roleName
        ? { roleCredentials: cached ? { cached: true, expiresAt: new Date(cached.expiration).toISOString() } : { cached: false } }
        : {}),
      secretStore: store,
    });
  }
  return statuses;
}

async function checkSession(run: RunOptions): Promise<{ session: SessionStatus; store: 'keyring' | 'file' }> {
  const access = await PortalAccess.open(run);
  const { session, whoAmI, error } = await access.storedSession();
  const user = whoAmI?.body.userIdentifier;
  const expiresAt = whoAmI?.expiresAt ?? session?.expiresAt;
  return {
    store: access.secretStore.kind,
    session: {
      stored: Boolean(session),
      ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
      checked: Boolean(whoAmI),
      ...(typeof user === 'string' ? { user } : {}),
      ...(error ? { error } : {}),
    },
  };
}
