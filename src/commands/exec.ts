import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { buildRunOptions } from '../cli/build-run-options.js';
import { runChild } from '../cli/run-child.js';
import { resolveProfile } from '../auth/profile.js';
import { profileCredentials } from '../auth/role-credentials.js';
import { PortalAccess } from '../auth/portal-access.js';
import { credentialVars } from '../output/env.js';
import { AwsssoError, EXIT } from '../errors.js';

export default class Exec extends AwsssoCommand {
  static override summary = 'Run a command with the profile\'s credentials in its environment';
  static override description = [
    'Gets the profile\'s role credentials as login does and runs COMMAND with AWS_ACCESS_KEY_ID,',
    'AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_REGION and',
    'AWS_DEFAULT_REGION set, and AWS_PROFILE removed so the command cannot pick another identity.',
    'The command\'s exit status is awssso\'s (128 + N when signal N ended it).',
  ].join(' ');

  static override examples = [
    '<%= config.bin %> exec -p dev -- aws s3 ls',
    '<%= config.bin %> exec -p dev -- terraform plan',
  ];

  static override usage = 'exec -p PROFILE -- COMMAND [ARGS...]';
  // No declared args: oclif reads a missing one from stdin, which is the command's.
  static override strict = false;

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile', default: 'default' }),
    'force-refresh': Flags.boolean({ char: 'f', description: 'sign in again even if the stored portal session is valid' }),
    renew: Flags.boolean({ char: 'r', description: 'ignore cached role credentials and fetch new ones' }),
  };

  async run(): Promise<void> {
    // What follows -- is the child's, untouched: oclif is given only what comes before it.
    const raw = [...this.argv];
    const split = raw.indexOf('--');
    const { flags, argv } = await this.parse(Exec, split < 0 ? raw : raw.slice(0, split));
    const [command, ...args] = split < 0 ? (argv as string[]) : raw.slice(split + 1);
    if (!command) throw new AwsssoError('name the command to run: awssso exec -p PROFILE -- COMMAND [ARGS...]', EXIT.usage);
    const profile = resolveProfile(flags.profile, flags, process.env);
    const run = await buildRunOptions(profile, { spinner: flags.spinner, headless: flags.headless, browser: 'auto' });
    let access: PortalAccess | undefined;
    const portal = async () => (access ??= await PortalAccess.open(run));
    let creds;
    try {
      creds = await profileCredentials(run, portal, { forceSignIn: flags['force-refresh'], renew: flags.renew });
    } finally {
      run.progress.done();
      await access?.close();
    }
    const { AWS_PROFILE: _profile, AWS_DEFAULT_PROFILE: _default, ...env } = process.env;
    const region = run.profile.region;
    process.exitCode = await runChild(command, args, {
      ...env,
      ...Object.fromEntries(credentialVars(creds)),
      ...(region ? { AWS_REGION: region, AWS_DEFAULT_REGION: region } : {}),
    });
  }
}
