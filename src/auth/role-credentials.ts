// A profile's role credentials: from the 0600 cache while 15+ minutes remain, else fetched once
// (fetchOnce: a crowd of credential_process calls makes one GetRoleCredentials).
import type { RoleCredentials } from '../types.js';
import type { PortalClient } from '../http/portal.js';
import type { RunOptions } from './run-options.js';
import { ConfigError } from '../errors.js';
import { readRoleCache, roleCachePath, writeRoleCache, isFresh, type RoleCacheKey } from '../store/role-cache.js';
import { basename } from 'node:path';
import { fetchOnce } from '../store/fetch-once.js';
import { sideFile } from './side-file.js';
import { migrateLegacyProfile, needsMigration } from './migrate-legacy-profile.js';
import type { PortalAccess } from './portal-access.js';

/**
 * Where fetched credentials come from: PortalAccess (the stored session, else a sign-in), or the
 * fast path's stored-session-only access (src/auth/stored-session-access.ts).
 */
export interface RoleSource {
  call<T>(fn: (portal: Pick<PortalClient, 'getRoleCredentials'>) => Promise<T>, opts?: { forceSignIn?: boolean }): Promise<T>;
}

/** The lock a role's fetch is made under, by every process and both paths. */
export const roleLockName = (key: RoleCacheKey) => `role-${basename(roleCachePath(key), '.json')}`;

export interface RoleRequest {
  forceSignIn: boolean;
  renew: boolean;
}

export async function roleCredentials(
  run: Pick<RunOptions, 'profile' | 'env' | 'warn' | 'progress'>,
  portal: () => Promise<RoleSource>,
  { forceSignIn, renew }: RoleRequest,
): Promise<RoleCredentials> {
  const { accountId, roleName, url } = run.profile;
  if (!accountId || !roleName) {
    throw new ConfigError(`profile ${run.profile.name} names no account and role: run \`awssso configure -p ${run.profile.name}\``);
  }
  const key = { startUrl: url, accountId, roleName };
  const useCache = !renew && !forceSignIn;
  let warned = false;
  const cached = () => {
    if (!useCache) return undefined;
    const hit = readRoleCache(key, run.env);
    if (hit.warning && !warned) run.warn(hit.warning);
    warned ||= Boolean(hit.warning);
    return hit.credentials && isFresh(hit.credentials) ? hit.credentials : undefined;
  };
  return fetchOnce(roleLockName(key), {
    read: cached,
    fetch: async () => (await portal()).call((client) => {
      run.progress.step(`Getting credentials for ${roleName} in ${accountId}`);
      return client.getRoleCredentials(accountId, roleName);
    }, { forceSignIn }),
    // The credentials are what the user asked for; a cache that cannot be written costs a fetch next time.
    save: async (creds) => void await sideFile(run, 'cache the role credentials', () => writeRoleCache(key, creds, run.env)),
  }, { onWait: (line) => run.progress.step(line), env: run.env });
}

/** The run profile's credentials; a Python awssso profile (instance_id, profile_id) is translated first. */
export async function profileCredentials(run: RunOptions, portal: () => Promise<PortalAccess>, req: RoleRequest): Promise<RoleCredentials> {
  if (needsMigration(run.profile)) run.profile = await migrateLegacyProfile(run.profile, await portal(), run);
  return roleCredentials(run, portal, req);
}
