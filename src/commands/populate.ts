import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { buildRunOptions } from '../cli/build-run-options.js';
import { countProgress } from '../cli/count-progress.js';
import { resolveProfile } from '../auth/profile.js';
import { PortalAccess } from '../auth/portal-access.js';
import { populate } from '../auth/populate.js';
import { DEFAULT_NAME_TEMPLATE, checkTemplate } from '../auth/profile-names.js';
import { unifiedDiff } from '../output/unified-diff.js';
import { AwsssoError, EXIT } from '../errors.js';
import { isAwsRegion } from '../http/aws-hosts.js';

export default class Populate extends AwsssoCommand {
  static override summary = 'Write an AWS CLI profile for every account and role you can reach';
  static override description = [
    'Adds a [profile NAME] section to the AWS config file (AWS_CONFIG_FILE or ~/.aws/config) for each',
    'role, resolved by `credential_process = awssso login -p NAME --json`, and an awssso profile NAME',
    'of the same user and start URL (they share one stored session). Sections it wrote are marked;',
    'nothing else in the file changes, and a section you wrote with the same name wins.',
  ].join(' ');

  static override examples = [
    '<%= config.bin %> populate -p dev --region eu-west-1',
    '<%= config.bin %> populate -p dev --name \'{account_id}-{role_name}\' --prune --dry-run',
  ];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile whose user and start URL to use', default: 'default' }),
    name: Flags.string({ char: 'n', description: 'profile name template: {account_name}, {account_id}, {role_name}, {email}', default: DEFAULT_NAME_TEMPLATE }),
    // Here --region is the generated profiles' region; the IAM Identity Center region stays the profile's.
    region: Flags.string({ description: 'the `region` of the generated AWS profiles' }),
    prune: Flags.boolean({ description: 'remove sections populate wrote before for roles you no longer have' }),
    'dry-run': Flags.boolean({ description: 'print what would change as a unified diff; change nothing' }),
    refresh: Flags.boolean({ description: 'list accounts and roles again instead of using the cached listing' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Populate);
    checkTemplate(flags.name);
    if (flags.region !== undefined && !isAwsRegion(flags.region)) {
      throw new AwsssoError(`--region ${flags.region} is not an AWS region (like eu-west-1)`, EXIT.usage);
    }
    const profile = resolveProfile(flags.profile, {}, process.env);
    const run = await buildRunOptions(profile, { spinner: flags.spinner, headless: flags.headless, browser: 'auto' });
    const counter = countProgress('Listing roles', 'accounts', flags.spinner);
    const access = await PortalAccess.open(run);
    try {
      const report = await populate(run, access, {
        template: flags.name, region: flags.region, prune: flags.prune, dryRun: flags['dry-run'], refresh: flags.refresh,
        onProgress: (done, total) => counter.update(done, total),
      });
      counter.end();
      if (flags['dry-run']) {
        for (const file of report.files) process.stdout.write(unifiedDiff(file.before, file.after, file.path, file.path));
      }
      const verb = flags['dry-run'] ? 'would write' : 'wrote';
      run.inform(`${verb} ${report.added.length} new and ${report.updated.length} changed profile(s), ` +
        `${flags['dry-run'] ? 'would remove' : 'removed'} ${report.removed.length}; ${report.unchanged} unchanged (${report.files[1]!.path})`);
      if (report.handWritten.length) run.warn(`kept your own section(s), not generated: ${report.handWritten.join(', ')}`);
    } finally {
      counter.end();
      run.progress.done();
      await access.close();
    }
  }
}
