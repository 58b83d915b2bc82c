// The fast path's portal access: the stored portal session only, read under the same session lock
// as PortalAccess, and GetRoleCredentials over node's own http. It never signs in: without a
// usable stored session, or on any refusal, it throws and its caller hands over to the full
// command, whose PortalAccess signs in.
import type { RunOptions } from './run-options.js';
import type { RoleSource } from './role-credentials.js';
import { SessionStore, sessionLockName } from './session-store.js';
import { withLock } from '../store/lock.js';
import { openSecretStore } from '../store/secrets.js';
import { configuredOrigins, portalEndpoint } from '../http/endpoints.js';
import { fetchRoleCredentials } from '../http/role-credentials-fetch.js';

export class NoStoredSession extends Error {}

export function storedSessionAccess(run: Pick<RunOptions, 'profile' | 'env' | 'warn'>): RoleSource {
  const { profile, env } = run;
  return {
    async call(fn, opts) {
      if (opts?.forceSignIn) throw new NoStoredSession('a sign-in was asked for');
      const session = await withLock(sessionLockName(profile.username, profile.url), async () => {
        const secrets = await openSecretStore({ warn: run.warn, env });
        return new SessionStore(secrets, profile.username, profile.url).load();
      }, { env });
      if (!session) throw new NoStoredSession('no usable stored portal session');
      return fn({
        getRoleCredentials: (accountId, roleName) => fetchRoleCredentials({
          endpoint: portalEndpoint(profile.region, env),
          allowedOrigins: configuredOrigins(profile.url, env),
          token: session.token,
          accountId,
          roleName,
        }),
      });
    },
  };
}
