// Sections of the AWS config file (AWS_CONFIG_FILE or ~/.aws/config) that `sso-login` writes:
// `[sso-session NAME]` and `[profile X]` with sso_session (docs/protocol.md §8), in place.
import type { IniUpdates } from './ini.js';
import { editIniFile } from './ini-file.js';
import { awsConfigFile } from './paths.js';

export interface SsoSessionSection {
  name: string;
  startUrl: string;
  region: string;
  scopes: string[];
}

export interface SsoProfileSection {
  name: string;
  accountId: string;
  roleName: string;
  region: string;
}

/** Writes the sso-session and the profiles that use it; other keys and sections stay as they were. Returns the path. */
export async function writeSsoConfig(session: SsoSessionSection, profiles: SsoProfileSection[], env: NodeJS.ProcessEnv): Promise<string> {
  const path = awsConfigFile(env);
  const edits: [string, IniUpdates][] = [
    [`sso-session ${session.name}`, { sso_start_url: session.startUrl, sso_region: session.region, sso_registration_scopes: session.scopes.join(',') }],
    ...profiles.map((p): [string, IniUpdates] => [`profile ${p.name}`, {
      sso_session: session.name, sso_account_id: p.accountId, sso_role_name: p.roleName, region: p.region,
    }]),
  ];
  await editIniFile(path, edits, env);
  return path;
}
