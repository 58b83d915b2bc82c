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
    'seed and the trusted-device cookie stay: the next login signs in without asking.',
  ].join(' ');

  static override examples = ['<%= config.bin %> logout -p dev'];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile', default: 'default' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Logout);
    const profile = resolveProfile(flags.profile, flags, process.env);
    const run = await buildRunOptions(profile, { spinner: flags.spinner, headless: flags.headless, browser: 'never', noPerson: true });
    const access = await PortalAccess.open(run);
    try {
      const { ended, forgotten } = await access.logout();
      run.inform(`${ended ? 'signed out' : 'no portal session was stored'}; removed ${forgotten} cached role credential file(s)`);
    } finally {
      await access.close();
    }
  }
}
