// The fast path's portal access: the stored portal session only, read (without the keyring probe)
// under the same session lock as PortalAccess, and GetRoleCredentials over node's own http. It never signs in: without a
// usable stored session, or on any refusal, it throws and its caller hands over to the full
// command, whose PortalAccess signs in.
import type { RunOptions } from './run-options.js';
import type { RoleSource } from './role-credentials.js';
import { loadSession, sessionLockName, sessionSecretName } from './session-store.js';
import { withLock } from '../store/lock.js';
import { openSecretReader } from '../store/secrets.js';
import { configuredOrigins, portalEndpoint } from '../http/endpoints.js';
import { fetchRoleCredentials } from '../http/role-credentials-fetch.js';

export class NoStoredSession extends Error {}

export function storedSessionAccess(run: Pick<RunOptions, 'profile' | 'env'>): RoleSource {
  const { profile, env } = run;
  return {
    async call(fn, opts) {
      if (opts?.forceSignIn) throw new NoStoredSession('a sign-in was asked for');
      const session = await withLock(sessionLockName(profile.username, profile.url),
        async () => loadSession(await openSecretReader(env), sessionSecretName(profile.username, profile.url)), { env });
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
