import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { withLoginCredentials } from '../cli/login-credentials.js';
import type { PortalAccess } from '../auth/portal-access.js';
import { formatProcessJson } from '../output/process-json.js';
import { formatEnv, SHELL_FORMATS } from '../output/env.js';
import { writeAwsCredentials } from '../store/aws-credentials.js';
import { awsCredentialsFile } from '../store/paths.js';
import type { RunOptions } from '../auth/run-options.js';
import type { RoleCredentials } from '../types.js';

export default class Login extends AwsssoCommand {
  static override summary = 'Get credentials for a profile and hand them to your tools';
  static override description = [
    'Signs in to IAM Identity Center over HTTP when the stored portal session has expired (the',
    'browser takes over only for steps awssso does not know), then gets the role credentials of',
    'the profile. By default they are written to the profile\'s section of the AWS credentials file;',
    '-e, -j and -c print them instead. Role credentials are cached and renewed when fewer than',
    '15 minutes remain.',
  ].join(' ');

  static override examples = [
    { description: 'Write credentials into ~/.aws/credentials', command: '<%= config.bin %> login -p dev' },
    { description: 'Use in the current shell', command: 'eval "$(<%= config.bin %> login -p dev -e)"' },
    { description: 'As a credential_process in ~/.aws/config', command: 'credential_process = <%= config.bin %> login -p dev --json' },
    { description: 'Open the AWS console', command: '<%= config.bin %> login -p dev -c -b' },
  ];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile', default: 'default' }),
    'aws-profile': Flags.string({ char: 'a', description: 'AWS CLI profile to write (default: the profile\'s aws_profile, then AWS_PROFILE, then the awssso profile name)' }),
    'force-refresh': Flags.boolean({ char: 'f', description: 'sign in again even if the stored portal session is valid' }),
    renew: Flags.boolean({ char: 'r', description: 'ignore cached role credentials and fetch new ones' }),
    duration: Flags.integer({ char: 'd', description: 'console session duration in seconds (900 to 43200), with -c', min: 900, max: 43200, dependsOn: ['console'] }),
    export: Flags.boolean({ char: 'e', description: 'print shell lines that export the credentials; never prompts, and a browser it needs runs headless', exclusive: ['json', 'console'] }),
    format: Flags.string({ description: 'shell for -e (default: bash)', options: [...SHELL_FORMATS], dependsOn: ['export'] }),
    json: Flags.boolean({ char: 'j', description: 'print credential_process JSON; never prompts, and a browser it needs runs headless; gives up after AWSSSO_DEADLINE seconds (default 40)', exclusive: ['export', 'console'] }),
    console: Flags.boolean({ char: 'c', description: 'print an AWS console sign-in URL', exclusive: ['export', 'json'] }),
    browser: Flags.boolean({ char: 'b', description: 'open the console sign-in URL in your browser', dependsOn: ['console'] }),
    interactive: Flags.boolean({ char: 'i', description: 'choose the account and role from lists for this run' }),
    'browser-fallback': Flags.boolean({ description: 'sign in with Chrome instead of HTTP (troubleshooting; add --no-headless to watch)' }),
    record: Flags.string({ description: 'save the sign-in exchanges, secrets redacted, as a HAR file for a bug report' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Login);
    await withLoginCredentials({
      profile: flags.profile,
      region: flags.region,
      spinner: flags.spinner,
      headless: flags.headless,
      json: flags.json,
      export: flags.export,
      browserFallback: flags['browser-fallback'],
      record: flags.record,
      interactive: flags.interactive,
      forceRefresh: flags['force-refresh'],
      renew: flags.renew,
      awsProfile: flags.json || flags.export || flags.console ? undefined : { flag: flags['aws-profile'] },
    }, async ({ run, credentials: creds, portal, awsProfile: target }) => {
      if (flags.json) process.stdout.write(formatProcessJson(creds));
      else if (flags.export) process.stdout.write(formatEnv(creds, (flags.format ?? 'bash') as (typeof SHELL_FORMATS)[number]));
      else if (flags.console) await this.printConsoleUrl(run, await portal(), creds, flags);
      else if (target) {
        await writeAwsCredentials(target, creds, process.env);
        run.inform(`wrote credentials for profile ${target} to ${awsCredentialsFile()}, valid until ${new Date(creds.expiration).toLocaleTimeString()}`);
      }
    });
  }

  private async printConsoleUrl(
    run: RunOptions,
    access: PortalAccess,
    creds: RoleCredentials,
    flags: { duration?: number; browser: boolean },
  ): Promise<void> {
    const { consoleUrlFor } = await import('../http/federation.js');
    const url = await consoleUrlFor(access.httpClient, creds, run.profile, { durationSeconds: flags.duration, env: run.env });
    process.stdout.write(`${url}\n`);
    if (flags.browser) await (await import('../cli/open-in-browser.js')).openInBrowser(url);
  }
}
