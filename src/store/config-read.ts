// Reading ~/.awssso/config: one INI section per awssso profile, named as-is (the Python awssso
// wrote `[default]`, not `[profile default]`). The credential_process fast path reads profiles, so
// this half is node built-ins only; writing is config-write.ts.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import type { AwsssoProfile } from '../types.js';
import { iniSection, IniSyntaxError, parseIni, type IniData } from './ini.js';
import { configFile } from './paths.js';
import { checkConfigDir } from './config-dir.js';

/** INI key for each AwsssoProfile field. */
export const KEYS = {
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

/** The config file's text, once its directory proved to be the user's own. */
function readText(path: string, env: NodeJS.ProcessEnv): string | undefined {
  checkConfigDir(env);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

export function malformed(path: string, err: IniSyntaxError): ConfigError {
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
  const text = readText(path, env);
  if (text === undefined) throw new ConfigError(`no awssso configuration at ${path}: run \`awssso configure\``);
  return { path, data: parse(path, text) };
}

/** The awssso profiles in the config file, in file order; none when there is no file. */
export function listProfiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const path = configFile(env);
  const text = readText(path, env);
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
