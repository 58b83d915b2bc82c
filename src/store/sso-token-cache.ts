// The SSO token file that AWS CLI v2, botocore and the JS SDK read and refresh (docs/protocol.md
// §8): ~/.aws/sso/cache/<sha1 of the sso-session name>.json, 0600, written atomically. Timestamps
// are kept as the strings the file holds; the caller writes them `YYYY-MM-DDTHH:MM:SSZ`.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { ssoTokenCacheDir } from './paths.js';

/** The keys botocore keeps when it rewrites the file. */
export interface SsoTokenFile {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

export const ssoTokenPath = (sessionName: string) =>
  join(ssoTokenCacheDir(), `${createHash('sha1').update(sessionName).digest('hex')}.json`);

/** The token file of `sessionName`, or undefined when there is none or it is not one. */
export async function readSsoToken(sessionName: string): Promise<SsoTokenFile | undefined> {
  let parsed: Partial<SsoTokenFile>;
  try {
    parsed = JSON.parse(await readFile(ssoTokenPath(sessionName), 'utf8')) as Partial<SsoTokenFile>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return undefined;
    throw new ConfigError(`cannot read ${ssoTokenPath(sessionName)}: ${(err as Error).message}`);
  }
  const ok = ['startUrl', 'region', 'accessToken', 'expiresAt'].every((key) => typeof parsed[key as keyof SsoTokenFile] === 'string');
  return ok && !Number.isNaN(Date.parse(parsed.expiresAt!)) ? (parsed as SsoTokenFile) : undefined;
}

export async function writeSsoToken(sessionName: string, token: SsoTokenFile): Promise<string> {
  // A timestamp without Z crashes botocore (docs/protocol.md §8).
  for (const stamp of [token.expiresAt, token.registrationExpiresAt]) {
    if (stamp !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(stamp)) throw new Error(`not a UTC timestamp: ${stamp}`);
  }
  const path = ssoTokenPath(sessionName);
  await writeFileAtomic(path, `${JSON.stringify(token)}\n`);
  return path;
}
