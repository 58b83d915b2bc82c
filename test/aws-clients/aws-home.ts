// A throw-away home directory for one AWS client run: ~/.aws/config with an sso-session and
// SSO profiles, the SSO token cache (~/.aws/sso/cache/<sha1>.json, docs/protocol.md §8),
// and an environment that points every AWS client there and nowhere else.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/processes.js';
import type { SsoTokenFile } from '../../src/store/sso-token-cache.js';

export interface SsoProfile {
  name: string;
  accountId: string;
  roleName: string;
}

export interface AwsHomeOptions {
  startUrl: string;
  region: string;
  /** the sso-session name; the token cache file is named after its sha1 */
  session?: string;
  profiles?: SsoProfile[];
  /** sso_registration_scopes (comma separated); with it, clients ask for refresh tokens */
  scopes?: string;
}

/** The SSO token cache entry, as botocore, the AWS CLI and the JS SDK read and write it. */
export type SsoTokenCache = SsoTokenFile;

export interface AwsHome {
  home: string;
  configFile: string;
  credentialsFile: string;
  session: string;
  /** environment for a client process: this home, no inherited AWS_* settings, no IMDS */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** ~/.aws/sso/cache/<sha1(session name)>.json */
  tokenCacheFile: string;
  writeTokenCache(token: SsoTokenCache): Promise<void>;
  readTokenCache(): Promise<SsoTokenCache | undefined>;
  remove(): Promise<void>;
}

export async function createAwsHome(opts: AwsHomeOptions): Promise<AwsHome> {
  const dir = await tempDir('aws-home');
  const home = dir.path;
  const session = opts.session ?? 'emulator';
  const configFile = join(home, '.aws', 'config');
  const credentialsFile = join(home, '.aws', 'credentials');
  const cacheDir = join(home, '.aws', 'sso', 'cache');
  const tokenCacheFile = join(cacheDir, `${sha1(session)}.json`);
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(configFile, ssoConfig({ ...opts, session }), { mode: 0o600 });
  await writeFile(credentialsFile, '', { mode: 0o600 });

  return {
    home,
    configFile,
    credentialsFile,
    session,
    tokenCacheFile,
    env: (extra = {}) => {
      const env: NodeJS.ProcessEnv = {};
      for (const [name, value] of Object.entries(process.env)) {
        if (!name.startsWith('AWS_') && !name.startsWith('AWSSSO_')) env[name] = value;
      }
      return {
        ...env,
        HOME: home,
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
        ...extra,
      };
    },
    writeTokenCache: async (token) => {
      await mkdir(cacheDir, { recursive: true });
      await writeFile(tokenCacheFile, JSON.stringify(token), { mode: 0o600 });
    },
    readTokenCache: async () => {
      try {
        return JSON.parse(await readFile(tokenCacheFile, 'utf8')) as SsoTokenCache;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    remove: dir.remove,
  };
}

function ssoConfig(opts: AwsHomeOptions & { session: string }): string {
  const lines = [
    `[sso-session ${opts.session}]`,
    `sso_start_url = ${opts.startUrl}`,
    `sso_region = ${opts.region}`,
    ...(opts.scopes ? [`sso_registration_scopes = ${opts.scopes}`] : []),
    '',
  ];
  for (const profile of opts.profiles ?? []) {
    lines.push(
      `[profile ${profile.name}]`,
      `sso_session = ${opts.session}`,
      `sso_account_id = ${profile.accountId}`,
      `sso_role_name = ${profile.roleName}`,
      `region = ${opts.region}`,
      '',
    );
  }
  return lines.join('\n');
}

/** An ISO-8601 UTC timestamp without milliseconds, as the token cache wants it. */
export function cacheTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
