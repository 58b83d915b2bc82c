// The config file and the profile asked for: the same reading `login` does, so the same errors.
import { existsSync } from 'node:fs';
import { AwsssoError } from '../errors.js';
import { resolveProfile } from '../auth/profile.js';
import { listProfiles } from '../store/config-read.js';
import { configFile } from '../store/paths.js';
import { verdict, type Check } from './check.js';

export const config: Check = async (ctx) => {
  const path = configFile(ctx.env);
  if (!existsSync(path)) {
    return verdict('config', 'fail', `no configuration at ${path}`, `run \`awssso configure -p ${ctx.profileName}\``);
  }
  try {
    const profiles = listProfiles(ctx.env);
    ctx.profile = resolveProfile(ctx.profileName, { region: ctx.region }, ctx.env);
    const { url, region, username, accountId, roleName } = ctx.profile;
    const role = accountId && roleName ? `, ${roleName} in ${accountId}` : '';
    return verdict('config', 'ok', `${path}: ${profiles.length} profile(s); "${ctx.profileName}" is ${username} at ${url} (${region}${role})`);
  } catch (err) {
    if (!(err instanceof AwsssoError)) throw err;
    // The message ends in what to run; keep it as the fix.
    const [summary, fix] = err.message.split(/: (?=run `)/);
    return verdict('config', 'fail', summary!, fix);
  }
};
