// Role credentials into the user's AWS shared credentials file, in place: only the three keys of
// one profile change; comments, other profiles, order and line endings stay byte for byte.
import { checkProfileName } from '../identifiers.js';
import type { RoleCredentials } from '../types.js';
import { editIniFile } from './ini-file.js';
import { awsCredentialsFile } from './paths.js';

/** Write the credentials under `[profile]` of AWS_SHARED_CREDENTIALS_FILE (or ~/.aws/credentials); returns its path. */
export async function writeAwsCredentials(
  profile: string,
  credentials: RoleCredentials,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  checkProfileName(profile);
  const path = awsCredentialsFile(env);
  await editIniFile(path, [[profile, {
    aws_access_key_id: credentials.accessKeyId,
    aws_secret_access_key: credentials.secretAccessKey,
    aws_session_token: credentials.sessionToken,
  }]], env);
  return path;
}
