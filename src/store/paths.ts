// Where awssso keeps its files. Only node built-ins: the credential_process fast path loads this.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWSSSO_CONFIG_DIR || join(homedir(), '.awssso');
}

export const configFile = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'config');
export const cacheDir = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'cache');
export const lockDir = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'locks');
export const debugDir = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'debug');

export function awsCredentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials');
}

export function awsConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config');
}
