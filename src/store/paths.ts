// Where awssso keeps its files. Only node built-ins: the credential_process fast path loads this.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~` or `~/...` as the Python awssso accepted in AWSSSO_CONFIG_DIR (Path.expanduser). */
function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWSSSO_CONFIG_DIR ? expandHome(env.AWSSSO_CONFIG_DIR) : join(homedir(), '.awssso');
}

export const configFile = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'config');
export const cacheDir = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'cache');
export const roleCacheDir = (env?: NodeJS.ProcessEnv) => join(cacheDir(env), 'roles');
export const cookiesDir = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'cookies');
export const secretsFile = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'secrets.enc');
export const lockDir = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'locks');
export const debugDir = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'debug');
/** The browser fallback's Chrome profile, so the browser too is a trusted device. */
export const browserProfileDir = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'browser-profile');

/** botocore expands `$VAR`, `${VAR}` (when set) and then `~` in these two paths; so do we. */
function expandLikeBotocore(path: string, env: NodeJS.ProcessEnv): string {
  const vars = path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const value = env[name.startsWith('{') ? name.slice(1, -1) : name];
    return value === undefined ? whole : value;
  });
  return expandHome(vars);
}

export function awsCredentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.AWS_SHARED_CREDENTIALS_FILE;
  return set ? expandLikeBotocore(set, env) : join(homedir(), '.aws', 'credentials');
}

/** Where AWS CLI v2, botocore and the JS SDK keep SSO tokens: always under the home directory. */
export const ssoTokenCacheDir = () => join(homedir(), '.aws', 'sso', 'cache');

/** The AWS CLI's config file: AWS_CONFIG_FILE, else ~/.aws/config (docs/protocol.md §8). */
export function awsConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.AWS_CONFIG_FILE;
  return set ? expandLikeBotocore(set, env) : join(homedir(), '.aws', 'config');
}
