import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { buildRunOptions } from '../cli/build-run-options.js';
import { countProgress } from '../cli/count-progress.js';
import { resolveProfile } from '../auth/profile.js';
import { PortalAccess } from '../auth/portal-access.js';
import { listAssignments } from '../auth/assignments.js';
import { filterRows, formatListing, listingRows } from '../output/listing.js';

export default class Ls extends AwsssoCommand {
  static override summary = 'List the accounts (and roles) you are assigned';
  static override description = [
    'Lists the AWS accounts the profile\'s user can reach, with --roles their roles too. The listing is',
    'cached for the portal session (--refresh asks again); roles of many accounts are listed a few at',
    'a time at the rate the portal allows, and an interrupted listing resumes where it stopped.',
  ].join(' ');

  static override examples = [
    '<%= config.bin %> ls -p dev',
    '<%= config.bin %> ls -p dev --roles --filter prod',
    '<%= config.bin %> ls -p dev --roles --csv > assignments.csv',
  ];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile whose user and start URL to list', default: 'default' }),
    roles: Flags.boolean({ char: 'r', description: 'list each account\'s roles too' }),
    filter: Flags.string({ char: 'f', description: 'only rows whose account id, account name or role name contains this (any case)' }),
    json: Flags.boolean({ char: 'j', description: 'print JSON', exclusive: ['csv'] }),
    csv: Flags.boolean({ description: 'print CSV', exclusive: ['json'] }),
    refresh: Flags.boolean({ description: 'ask the portal again instead of using the cached listing' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Ls);
    const profile = resolveProfile(flags.profile, flags, process.env);
    const run = await buildRunOptions(profile, { spinner: flags.spinner, headless: flags.headless, browser: 'auto' });
    const counter = countProgress('Listing roles', 'accounts', flags.spinner);
    const access = await PortalAccess.open(run);
    try {
      const assignments = await listAssignments(run, access, {
        roles: flags.roles,
        refresh: flags.refresh,
        onProgress: (done, total) => counter.update(done, total),
      });
      counter.end();
      process.stdout.write(formatListing(filterRows(listingRows(assignments), flags.filter), flags.json ? 'json' : flags.csv ? 'csv' : 'table'));
    } finally {
      counter.end();
      run.progress.done();
      await access.close();
    }
  }
}
