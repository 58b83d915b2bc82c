import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { buildRunOptions } from '../cli/build-run-options.js';
import { createAsker, hasTerminal } from '../cli/prompts.js';
import type { Asker } from '../auth/ports.js';
import { PortalAccess } from '../auth/portal-access.js';
import { chooseRole } from '../auth/choose-role.js';
import { awsProfileSetting, regionSetting, type Setting } from '../auth/profile.js';
import { isValidSeed, normalizeSeed } from '../auth/totp.js';
import { canonicalStartUrl, readProfile } from '../store/config-read.js';
import { writeProfile } from '../store/config-write.js';
import { secretName } from '../store/secret-store.js';
import { validateStartUrl } from '../http/endpoints.js';
import { isAwsRegion } from '../http/aws-hosts.js';
import { proposedRegion } from '../auth/region.js';
import { ConfigError } from '../errors.js';
import { configFile } from '../store/paths.js';
import type { AwsssoProfile } from '../types.js';
import { checkProfileName } from '../identifiers.js';

export default class Configure extends AwsssoCommand {
  static override summary = 'Create or update a profile: start URL, user, secrets, account and role';
  static override description = [
    'Asks for what it is not given, signs in to check the password, then lets you pick an',
    'account and a role from what IAM Identity Center assigns you. Every answer can come from a',
    'flag; secrets come from AWSSSO_PASSWORD and AWSSSO_TOTP_SEED or a prompt, never from the',
    'command line. Secrets go to the OS keyring (or an encrypted file where none runs).',
  ].join(' ');

  static override examples = [
    '<%= config.bin %> configure -p dev',
    'AWSSSO_PASSWORD=… <%= config.bin %> configure -p dev --url https://d-0123456789.awsapps.com/start --region eu-west-1 --username me@example.com --account-id 111111111111 --role-name ReadOnly',
  ];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile to create or update', default: 'default' }),
    'aws-profile': Flags.string({ char: 'a', description: 'AWS CLI profile that `login` writes (default: the profile\'s aws_profile, then AWS_PROFILE, then the awssso profile name)' }),
    'force-refresh': Flags.boolean({ char: 'f', description: 'sign in again even if a portal session is stored' }),
    url: Flags.string({ description: 'AWS access portal start URL, e.g. https://d-0123456789.awsapps.com/start' }),
    username: Flags.string({ description: 'IAM Identity Center user name' }),
    'account-id': Flags.string({ description: 'AWS account id (default: pick from a list)' }),
    'role-name': Flags.string({ description: 'permission set (role) name (default: pick from a list)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Configure);
    const env = process.env;
    const name = flags.profile;
    checkProfileName(name); // before a prompt, a sign-in or a stored secret
    const old = existingProfile(name, env);
    const ask = createAsker({ interactive: hasTerminal(), whatToRun: 'give it as a flag' });
    const answer = async (flag: string, question: string, { given, fallback }: Setting) => {
      if (given) return given;
      if (!ask.canAsk && fallback) return fallback;
      if (!ask.canAsk) throw new ConfigError(`missing --${flag} (no terminal to ask)`);
      return ask.text(question, fallback);
    };

    const url = canonicalStartUrl(validateStartUrl(await answer('url', 'Start URL', { given: flags.url, fallback: old.url })));
    // the profile's region, else the one the start URL shows, before a workload's AWS_* default
    const regionRule = regionSetting(flags.region, env, old.region);
    const region = await answer('region', 'Region', regionRule.given ? regionRule
      : { fallback: old.region ?? (await proposedRegion(url, env)) ?? regionRule.fallback });
    if (!isAwsRegion(region)) throw new ConfigError(`${region} is not an AWS region (like eu-west-1)`);
    const awsProfile = await answer('aws-profile', 'AWS CLI profile', awsProfileSetting(flags['aws-profile'], env, { ...old, name }));
    checkProfileName(awsProfile);
    const username = await answer('username', 'Username', { given: flags.username, fallback: old.username });
    const profile: AwsssoProfile = { name, url, region, username, awsProfile };

    const run = await buildRunOptions(profile, { spinner: flags.spinner, headless: flags.headless, browser: 'auto' });
    const access = await PortalAccess.open(run);
    try {
      run.candidateSecrets = await this.newSecrets(access, profile, ask, env);
      // New secrets are kept only once a sign-in with them worked: a stored session proves nothing about them.
      await access.signedIn(flags['force-refresh'] || Object.keys(run.candidateSecrets).length > 0);
      const choice = await chooseRole(access, run, { accountId: flags['account-id'], roleName: flags['role-name'] });
      await writeProfile({ ...profile, ...choice }, env);
      run.progress.done();
      run.inform(`saved profile ${name} in ${configFile(env)}: ${choice.roleName} in ${choice.accountId}`);
    } finally {
      run.progress.done();
      await access.close();
    }
  }

  /** Password and TOTP seed from the environment or a prompt; an empty answer keeps what is stored. */
  private async newSecrets(
    access: PortalAccess,
    profile: AwsssoProfile,
    ask: Asker,
    env: NodeJS.ProcessEnv,
  ): Promise<{ password?: string; totpSeed?: string }> {
    const stored = await access.secretStore.get(secretName('password', profile.username, profile.url));
    const password = env.AWSSSO_PASSWORD
      || (ask.canAsk ? await ask.secret(stored ? 'Password (empty: keep the stored one)' : 'Password', { optional: Boolean(stored) }) : '');
    if (!password && !stored) throw new ConfigError('no password: set AWSSSO_PASSWORD or run in a terminal');

    const seed = env.AWSSSO_TOTP_SEED
      || (ask.canAsk ? await ask.secret('TOTP seed (optional; empty: type codes when asked)', { optional: true }) : '');
    if (seed && !isValidSeed(seed)) throw new ConfigError('the TOTP seed is not base32 (the text your authenticator app was given)');
    return { ...(password ? { password } : {}), ...(seed ? { totpSeed: normalizeSeed(seed) } : {}) };
  }
}

/** What is configured for the profile so far; nothing when it is missing or incomplete. */
function existingProfile(name: string, env: NodeJS.ProcessEnv): Partial<AwsssoProfile> {
  try {
    return readProfile(name, env);
  } catch (err) {
    if (err instanceof ConfigError) return {};
    throw err;
  }
}
