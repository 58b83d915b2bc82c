import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { buildRunOptions } from '../cli/build-run-options.js';
import { resolveProfile } from '../auth/profile.js';
import { PortalAccess } from '../auth/portal-access.js';
import { ssoLogin } from '../auth/sso-login.js';

export default class SsoLogin extends AwsssoCommand {
  static override summary = 'Leave AWS CLI v2 and the SDKs a refreshable SSO token, approved without a browser';
  static override description = [
    'Does what `aws sso login` does, with the profile\'s portal session instead of a browser: registers',
    'awssso\'s own OIDC client (cached until it expires), approves a PKCE authorization over HTTP',
    '(the device flow where /authorize is not served), and writes ~/.aws/sso/cache/<sha1 of the',
    'sso-session name>.json, which AWS CLI v2, botocore and the JS SDK read and refresh themselves.',
    'A token with more than 15 minutes left is kept. --config adds [sso-session NAME] to the AWS config',
    'file; --profiles also adds a profile for every account and role.',
  ].join(' ');

  static override examples = [
    { description: 'Token for the sso-session "dev", and the config section', command: '<%= config.bin %> sso-login -p dev --config' },
    { description: 'Then', command: 'aws sts get-caller-identity --profile Development.ReadOnlyAccess' },
  ];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile', default: 'default' }),
    'sso-session': Flags.string({ description: 'sso-session name in the AWS config (default: the awssso profile name)' }),
    config: Flags.boolean({ description: 'write [sso-session NAME] into AWS_CONFIG_FILE or ~/.aws/config' }),
    profiles: Flags.boolean({ description: 'also write a `[profile <account name>.<role>]` for every role you are assigned (implies --config)' }),
    force: Flags.boolean({ char: 'f', description: 'a new token even when the cached one is still good' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SsoLogin);
    const profile = resolveProfile(flags.profile, flags, process.env);
    const run = await buildRunOptions(profile, { spinner: flags.spinner, headless: flags.headless, browser: 'auto' });
    const access = await PortalAccess.open(run);
    try {
      const sessionName = flags['sso-session'] ?? profile.name;
      const done = await ssoLogin(run, access, { sessionName, writeConfig: flags.config, profiles: flags.profiles, force: flags.force });
      run.progress.done();
      const how = { kept: 'kept the token in', refreshed: 'refreshed the token in', pkce: 'wrote a new token to', device: 'wrote a new token (device flow) to' }[done.how];
      run.inform(`sso-session ${sessionName}: ${how} ${done.tokenFile}, valid until ${new Date(done.expiresAt).toISOString()}`);
      if (done.configFile) run.inform(`wrote [sso-session ${sessionName}]${done.profiles ? ` and ${done.profiles} profile(s)` : ''} to ${done.configFile}`);
    } finally {
      run.progress.done();
      await access.close();
    }
  }
}
