// Role credentials into the user's AWS shared credentials file, in place: only the three keys of
// one profile change; comments, other profiles, order and line endings stay byte for byte.
import { ConfigError } from '../errors.js';
import { checkProfileName } from '../identifiers.js';
import type { RoleCredentials } from '../types.js';
import { editIniSection } from './ini.js';
import { editIniFile } from './ini-file.js';
import { awsCredentialsFile } from './paths.js';

/** Held while the file is rewritten, so that two awssso processes cannot drop each other's profile. */
const CREDENTIALS_LOCK = 'aws credentials file';

/** Write the credentials under `[profile]` of AWS_SHARED_CREDENTIALS_FILE (or ~/.aws/credentials); returns its path. */
export async function writeAwsCredentials(
  profile: string,
  credentials: RoleCredentials,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  checkProfileName(profile);
  const path = awsCredentialsFile(env);
  const malformed = (err: Error) =>
    new ConfigError(`cannot update ${path}: ${err.message}, which the AWS CLI cannot read either; fix it and try again`);
  // a dotfiles repository often links ~/.aws/credentials: written through, the link stays
  await editIniFile({ path, lock: CREDENTIALS_LOCK, malformed, followSymlink: true, env }, (text) =>
    editIniSection(text, profile, {
      aws_access_key_id: credentials.accessKeyId,
      aws_secret_access_key: credentials.secretAccessKey,
      aws_session_token: credentials.sessionToken,
    }));
  return path;
}
