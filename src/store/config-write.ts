// Writing ~/.awssso/config: one section at a time, under a cross-process lock, atomically, 0600,
// every other byte of the file kept.
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import type { AwsssoProfile } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';
import { KEYS, malformed } from './config-read.js';
import { decodeIni, editIniSection, IniSyntaxError, type IniUpdates } from './ini.js';
import { withLock } from './lock.js';
import { configFile } from './paths.js';
import { checkConfigDir } from './config-dir.js';
import { checkProfileName } from '../identifiers.js';

/** Held while the file is rewritten, so that two processes cannot drop each other's edits. */
const CONFIG_LOCK = 'awssso config';

/** Apply `updates` to one section under the config lock, atomically, mode 0600. */
async function editSection(section: string, updates: IniUpdates, env: NodeJS.ProcessEnv): Promise<void> {
  const path = configFile(env);
  checkConfigDir(env);
  await withLock(
    CONFIG_LOCK,
    async () => {
      let bytes = Buffer.alloc(0);
      try {
        bytes = await readFile(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
      }
      let edited: string;
      try {
        edited = editIniSection(decodeIni(bytes), section, updates);
      } catch (err) {
        if (err instanceof IniSyntaxError) throw malformed(path, err);
        throw new ConfigError(`cannot update ${path}: ${(err as Error).message}`);
      }
      await writeFileAtomic(path, edited, 0o600);
    },
    { env },
  );
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
