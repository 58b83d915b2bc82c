import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { buildRunOptions } from '../cli/build-run-options.js';
import { resolveProfile } from '../auth/profile.js';
import { PortalAccess } from '../auth/portal-access.js';

export default class Logout extends AwsssoCommand {
  static override summary = 'End the portal session and forget cached role credentials';
  static override description = [
    'Signs the stored portal session out of IAM Identity Center and removes it, with the cached',
    'role credentials of every profile of the same user and start URL. The password, the TOTP',
    'seed and the trusted-device cookie stay: the next login signs in without asking. With --all they',
    'are forgotten too, with the browser profile (unless another user or start URL is configured).',
  ].join(' ');

  static override examples = ['<%= config.bin %> logout -p dev', '<%= config.bin %> logout -p dev --all'];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile', default: 'default' }),
    all: Flags.boolean({ description: 'also forget the stored password, TOTP seed, cookies and browser profile' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Logout);
    const profile = resolveProfile(flags.profile, flags, process.env);
    const run = await buildRunOptions(profile, { spinner: flags.spinner, headless: flags.headless, browser: 'http-only', noPerson: true });
    const access = await PortalAccess.open(run);
    try {
      const { ended, forgotten } = await access.logout();
      run.inform(`${ended ? 'signed out' : 'no portal session was stored'}; removed ${forgotten} cached role credential file(s)`);
      if (flags.all) {
        const { browserProfile } = await access.forgetSignIn();
        run.inform(`forgot the password, TOTP seed and cookies of ${profile.username} at ${profile.url}; ` +
          (browserProfile === 'removed' ? 'removed the browser profile' : 'kept the browser profile, which other configured users share'));
      }
    } finally {
      await access.close();
    }
  }
}
