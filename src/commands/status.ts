import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { buildRunOptions } from '../cli/build-run-options.js';
import { resolveProfile } from '../auth/profile.js';
import { profileStatuses } from '../auth/status.js';
import { listProfiles } from '../store/config-read.js';
import { formatStatus } from '../output/status.js';
import { ConfigError } from '../errors.js';

export default class Status extends AwsssoCommand {
  static override summary = 'Show who is signed in where, until when, and what is cached';
  static override description = [
    'For each profile (or the one given): the user and start URL, the stored portal session and its',
    'expiry as the portal reports it (whoAmI; never signs in), the cached role credentials and which',
    'secret store holds the secrets. Offline it shows what is stored and says the session could not be checked.',
  ].join(' ');

  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status -p dev --json'];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'only this awssso profile' }),
    json: Flags.boolean({ char: 'j', description: 'print JSON' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Status);
    const names = flags.profile ? [flags.profile] : listProfiles(process.env);
    if (names.length === 0) throw new ConfigError('no awssso profiles yet: run `awssso configure`');
    const profiles = names.map((name) => resolveProfile(name, flags, process.env));
    const statuses = await profileStatuses(profiles, (profile) =>
      buildRunOptions(profile, { spinner: false, headless: flags.headless, browser: 'http-only', noPerson: true }), process.env);
    process.stdout.write(flags.json ? `${JSON.stringify(statuses, null, 2)}\n` : formatStatus(statuses));
  }
}
