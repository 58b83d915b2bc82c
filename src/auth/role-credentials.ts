// A profile's role credentials: from the 0600 cache while 15+ minutes remain, else fetched once
// under a per-role lock (a crowd of credential_process calls makes one GetRoleCredentials).
import type { RoleCredentials } from '../types.js';
import type { RunOptions } from './run-options.js';
import type { PortalAccess } from './portal-access.js';
import { ConfigError } from '../errors.js';
import { readRoleCache, roleCachePath, writeRoleCache, isFresh } from '../store/role-cache.js';
import { basename } from 'node:path';
import { withLock } from '../store/lock.js';
import { migrateLegacyProfile, needsMigration } from './migrate-legacy-profile.js';

export interface RoleRequest {
  forceSignIn: boolean;
  renew: boolean;
}

export async function roleCredentials(
  run: RunOptions,
  portal: () => Promise<PortalAccess>,
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
    const hit = readRoleCache(key, run.env);
    if (hit.warning && !warned) run.warn(hit.warning);
    warned ||= Boolean(hit.warning);
    return hit.credentials && isFresh(hit.credentials) ? hit.credentials : undefined;
  };
  if (useCache) {
    const hit = cached();
    if (hit) return hit;
  }
  const lockName = `role-${basename(roleCachePath(key), '.json')}`;
  return withLock(lockName, async () => {
    // Another process may have fetched them while this one waited for the lock.
    const hit = useCache ? cached() : undefined;
    if (hit) return hit;
    const access = await portal();
    const creds = await access.call((client) => {
      run.progress.step(`Getting credentials for ${roleName} in ${accountId}`);
      return client.getRoleCredentials(accountId, roleName);
    }, { forceSignIn });
    await writeRoleCache(key, creds, run.env);
    return creds;
  }, { onWait: (line) => run.progress.step(line), env: run.env });
}

/** The run profile's credentials; a Python awssso profile (instance_id, profile_id) is translated first. */
export async function profileCredentials(run: RunOptions, portal: () => Promise<PortalAccess>, req: RoleRequest): Promise<RoleCredentials> {
  if (needsMigration(run.profile)) run.profile = await migrateLegacyProfile(run.profile, await portal(), run);
  return roleCredentials(run, portal, req);
}
