// Profiles written by the Python awssso name an app instance and a profile (`ins-…`, `p-…`) of
// the portal's older API; on first use they are translated to account and role and saved.
import type { AwsssoProfile } from '../types.js';
import type { PortalAccess } from './portal-access.js';
import { AwsssoError, ConfigError } from '../errors.js';
import { isAccountId, isRoleName } from '../identifiers.js';
import { saveLegacyMigration } from '../store/config-write.js';

export function needsMigration(profile: AwsssoProfile): boolean {
  return !(profile.accountId && profile.roleName) && Boolean(profile.instanceId && profile.profileId);
}

export async function migrateLegacyProfile(
  profile: AwsssoProfile,
  access: PortalAccess,
  run: { env: NodeJS.ProcessEnv; inform(line: string): void },
): Promise<AwsssoProfile> {
  const { instanceId, profileId } = profile;
  const { accountId, roleName } = await access.call(async (portal) => {
    const instance = (await portal.appInstances()).find((i) => i.id === instanceId);
    const role = instance && (await portal.appInstanceProfiles(instance.id)).find((p) => p.id === profileId);
    if (!instance?.accountId || !role) {
      throw new ConfigError(`profile ${profile.name} names app instance ${instanceId} / ${profileId}, which the portal no longer lists: run \`awssso configure -p ${profile.name}\``);
    }
    // Like the listings', these names become paths and INI values: checked before they are saved.
    if (!isAccountId(instance.accountId) || !isRoleName(role.name)) {
      throw new AwsssoError(`app instances: the portal's answer has an account id or role name that cannot be one: ${JSON.stringify(`${instance.accountId}/${role.name}`)}`);
    }
    return { accountId: instance.accountId, roleName: role.name };
  });
  await saveLegacyMigration(profile.name, { accountId, roleName }, run.env);
  run.inform(`profile ${profile.name}: replaced the Python awssso's instance_id/profile_id by account_id ${accountId} and role_name ${roleName}`);
  return { ...profile, accountId, roleName, instanceId: undefined, profileId: undefined };
}
