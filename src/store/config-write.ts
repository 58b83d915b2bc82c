// Writing ~/.awssso/config: one section (or, for populate, many) at a time, under a cross-process
// lock, atomically, 0600, every other byte of the file kept.
import type { AwsssoProfile } from '../types.js';
import { checkProfileName } from '../identifiers.js';
import { KEYS, malformed } from './config-read.js';
import { checkConfigDir } from './config-dir.js';
import { editIniSection, type IniUpdates } from './ini.js';
import { editIniFile } from './ini-file.js';
import { configFile } from './paths.js';

/** Held while the file is rewritten, so that two processes cannot drop each other's edits. */
const CONFIG_LOCK = 'awssso config';

/** Replace the config file's text by `edit(text)` under the config lock; a dry run writes nothing. */
export function editConfig(edit: (text: string) => string, opts: { env: NodeJS.ProcessEnv; dryRun?: boolean }): Promise<{ before: string; after: string }> {
  const path = configFile(opts.env);
  checkConfigDir(opts.env);
  return editIniFile({
    path,
    lock: CONFIG_LOCK,
    malformed: (err) => malformed(path, err),
    mode: 0o600,
    env: opts.env,
    ...(opts.dryRun ? { dryRun: true } : {}),
  }, edit);
}

/** Apply `updates` to one section. */
async function editSection(section: string, updates: IniUpdates, env: NodeJS.ProcessEnv): Promise<void> {
  await editConfig((text) => editIniSection(text, section, updates), { env });
}

/**
 * Make the profile's section say exactly what `profile` says for the known keys (an undefined
 * field removes its key), keeping unknown keys, comments and other sections as they are.
 */
export async function writeProfile(profile: AwsssoProfile, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  checkProfileName(profile.name);
  const updates: IniUpdates = {};
  for (const [field, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) updates[key] = profile[field] ?? null;
  await editSection(profile.name, updates, env);
}

/** Replace the legacy (Python awssso) instance_id/profile_id of a profile by the account and role they stood for. */
export async function saveLegacyMigration(
  name: string,
  target: { accountId: string; roleName: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  await editSection(name, { account_id: target.accountId, role_name: target.roleName, instance_id: null, profile_id: null }, env);
}
