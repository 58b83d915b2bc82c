// The AWS config file (AWS_CONFIG_FILE or ~/.aws/config), edited in place: every edit of it goes
// through editAwsConfig (one lock, one message for a file botocore cannot read, written through a
// dotfiles link). `sso-login` writes `[sso-session NAME]` and `[profile X]` with sso_session
// (docs/protocol.md §8); `populate` writes credential_process profiles.
import { ConfigError } from '../errors.js';
import { editIniSections, type IniUpdates } from './ini.js';
import { editIniFile } from './ini-file.js';
import { awsConfigFile } from './paths.js';

/** Replaces the AWS config file's text by `edit(text)` under its lock; a dry run writes nothing. */
export function editAwsConfig(
  edit: (text: string) => string,
  opts: { env: NodeJS.ProcessEnv; dryRun?: boolean },
): Promise<{ path: string; before: string; after: string }> {
  const path = awsConfigFile(opts.env);
  return editIniFile({
    path,
    lock: 'aws config file',
    malformed: (err) => new ConfigError(`cannot update ${path}: ${err.message}, which the AWS CLI cannot read either; fix it and try again`),
    followSymlink: true,
    env: opts.env,
    ...(opts.dryRun ? { dryRun: true } : {}),
  }, edit).then((texts) => ({ path, ...texts }));
}

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
  const edits: [string, IniUpdates][] = [
    [`sso-session ${session.name}`, { sso_start_url: session.startUrl, sso_region: session.region, sso_registration_scopes: session.scopes.join(',') }],
    ...profiles.map((p): [string, IniUpdates] => [`profile ${p.name}`, {
      sso_session: session.name, sso_account_id: p.accountId, sso_role_name: p.roleName, region: p.region,
    }]),
  ];
  return (await editAwsConfig((text) => editIniSections(text, new Map(edits)), { env })).path;
}
