// Role credentials into the user's AWS shared credentials file, in place: only the three keys of
// one profile change; comments, other profiles, order and line endings stay byte for byte.
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { checkProfileName } from '../identifiers.js';
import type { RoleCredentials } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';
import { decodeIni, editIniSection, IniSyntaxError } from './ini.js';
import { withLock } from './lock.js';
import { awsCredentialsFile } from './paths.js';

/** Held while the file is rewritten, so that two awssso processes cannot drop each other's profile. */
const CREDENTIALS_LOCK = 'aws credentials file';

async function currentFile(path: string): Promise<{ bytes: Buffer; mode: number }> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    // Keep the mode the user chose; a new file is 0600.
    return { bytes, mode: info.mode & 0o777 };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: Buffer.alloc(0), mode: 0o600 };
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Write the credentials under `[profile]` of AWS_SHARED_CREDENTIALS_FILE (or ~/.aws/credentials); returns its path. */
export async function writeAwsCredentials(
  profile: string,
  credentials: RoleCredentials,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  checkProfileName(profile);
  const path = awsCredentialsFile(env);
  await withLock(
    CREDENTIALS_LOCK,
    async () => {
      const { bytes, mode } = await currentFile(path);
      let edited: string;
      try {
        edited = editIniSection(decodeIni(bytes), profile, {
          aws_access_key_id: credentials.accessKeyId,
          aws_secret_access_key: credentials.secretAccessKey,
          aws_session_token: credentials.sessionToken,
        });
      } catch (err) {
        if (!(err instanceof IniSyntaxError)) throw new ConfigError(`cannot update ${path}: ${(err as Error).message}`);
        throw new ConfigError(`cannot update ${path}: ${err.message}, which the AWS CLI cannot read either; fix it and try again`);
      }
      // a dotfiles repository often links ~/.aws/credentials: written through, the link stays
      await writeFileAtomic(path, edited, mode, { followSymlink: true });
    },
    { env },
  );
  return path;
}
