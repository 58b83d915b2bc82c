// ~/.awssso/config: one INI section per awssso profile, named as-is (the Python awssso wrote
// `[default]`, not `[profile default]`). Read on the credential_process fast path: node built-ins only.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import type { AwsssoProfile } from '../types.js';
import { editIniSection, iniSection, IniSyntaxError, parseIni, type IniData, type IniUpdates } from './ini.js';
import { editIniFile } from './ini-file.js';
import { configFile } from './paths.js';

/** INI key for each AwsssoProfile field. */
const KEYS = {
  url: 'url',
  region: 'region',
  username: 'username',
  awsProfile: 'aws_profile',
  accountId: 'account_id',
  roleName: 'role_name',
  instanceId: 'instance_id',
  profileId: 'profile_id',
} as const satisfies Record<Exclude<keyof AwsssoProfile, 'name'>, string>;

const REQUIRED = ['url', 'region', 'username'] as const;
/** Held while the file is rewritten, so that two processes cannot drop each other's edits. */
const CONFIG_LOCK = 'awssso config';

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

function malformed(path: string, err: IniSyntaxError): ConfigError {
  return new ConfigError(`malformed awssso configuration ${path}, line ${err.line}: ${err.reason}`);
}

function parse(path: string, text: string): IniData {
  try {
    return parseIni(text);
  } catch (err) {
    throw err instanceof IniSyntaxError ? malformed(path, err) : err;
  }
}

function load(env: NodeJS.ProcessEnv): { path: string; data: IniData } {
  const path = configFile(env);
  const text = readText(path);
  if (text === undefined) throw new ConfigError(`no awssso configuration at ${path}: run \`awssso configure\``);
  return { path, data: parse(path, text) };
}

/** The awssso profiles in the config file, in file order; none when there is no file. */
export function listProfiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const path = configFile(env);
  const text = readText(path);
  return text === undefined ? [] : [...parse(path, text).sections.keys()];
}

/**
 * One start URL however it was written (the Python awssso kept the portal's `#/`, people add a
 * slash): secrets, cookies and caches are keyed by it, so spellings must not split them.
 */
export function canonicalStartUrl(url: string): string {
  return url.replace(/#.*$/, '').replace(/\/+$/, '');
}

/** One profile, checked; every problem is a one-line ConfigError that says what to do. */
export function readProfile(name: string, env: NodeJS.ProcessEnv = process.env): AwsssoProfile {
  const { path, data } = load(env);
  const values = data.sections.has(name) ? iniSection(data, name) : undefined;
  if (!values) {
    const known = [...data.sections.keys()];
    const list = known.length ? `known profiles: ${known.join(', ')}` : 'it has no profiles';
    throw new ConfigError(`no profile "${name}" in ${path} (${list}): run \`awssso configure -p ${name}\``);
  }
  const get = (key: string) => values.get(key) || undefined; // an empty value counts as missing
  for (const field of REQUIRED) {
    if (!get(KEYS[field])) {
      throw new ConfigError(`profile "${name}" in ${path} has no ${KEYS[field]}: run \`awssso configure -p ${name}\``);
    }
  }
  const profile: AwsssoProfile = { name, url: canonicalStartUrl(get('url')!), region: get('region')!, username: get('username')! };
  for (const field of ['awsProfile', 'accountId', 'roleName', 'instanceId', 'profileId'] as const) {
    const value = get(KEYS[field]);
    if (value !== undefined) profile[field] = value;
  }
  if (!URL.canParse(profile.url)) throw new ConfigError(`profile "${name}" in ${path}: url ${profile.url} is not a URL`);
  if (profile.accountId !== undefined && !/^\d{12}$/.test(profile.accountId)) {
    throw new ConfigError(`profile "${name}" in ${path}: account_id ${profile.accountId} is not 12 digits`);
  }
  return profile;
}

/** Apply `updates` to one section under the config lock, atomically, mode 0600. */
async function editSection(section: string, updates: IniUpdates, env: NodeJS.ProcessEnv): Promise<void> {
  await editConfig((text) => editIniSection(text, section, updates), { env });
}

/** Replace the config file's text by `edit(text)` under the config lock; a dry run writes nothing. */
export function editConfig(edit: (text: string) => string, opts: { env: NodeJS.ProcessEnv; dryRun?: boolean }): Promise<{ before: string; after: string }> {
  const path = configFile(opts.env);
  return editIniFile({ path, lock: CONFIG_LOCK, malformed: (err) => malformed(path, err), mode: 0o600, env: opts.env, dryRun: opts.dryRun }, edit);
}

/**
 * Make the profile's section say exactly what `profile` says for the known keys (an undefined
 * field removes its key), keeping unknown keys, comments and other sections as they are.
 */
export async function writeProfile(profile: AwsssoProfile, env: NodeJS.ProcessEnv = process.env): Promise<void> {
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
