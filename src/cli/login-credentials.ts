// What `login` does before it prints or writes credentials: the profile, the run's options, the
// portal access (opened only when needed), a legacy or interactive choice of role, and the role
// credentials. The oclif command and the no-oclif sign-in path (fast-path-sign-in.ts) share it.
import type { RoleCredentials } from '../types.js';
import type { RunOptions } from '../auth/run-options.js';
import { resolveProfile, targetAwsProfile } from '../auth/profile.js';
import { profileCredentials } from '../auth/role-credentials.js';
import { PortalAccess } from '../auth/portal-access.js';
import { chooseRole } from '../auth/choose-role.js';
import { buildRunOptions } from './build-run-options.js';

export interface LoginFlags {
  profile: string;
  region?: string;
  spinner: boolean;
  headless: boolean;
  /** credential_process: read by a program; a deadline */
  json: boolean;
  /** shell exports: read by a program too */
  export: boolean;
  browserFallback: boolean;
  record?: string;
  interactive: boolean;
  forceRefresh: boolean;
  renew: boolean;
  /** the run writes the AWS credentials file: which profile (-a); checked before anything is fetched */
  awsProfile?: { flag: string | undefined };
}

export interface LoginCredentials {
  run: RunOptions;
  credentials: RoleCredentials;
  portal(): Promise<PortalAccess>;
  /** the AWS CLI profile to write, when the run writes the credentials file */
  awsProfile?: string;
}

/** Gets the credentials, hands them to `use`, then ends the progress and saves a --record HAR. */
export async function withLoginCredentials<T>(flags: LoginFlags, use: (got: LoginCredentials) => Promise<T>): Promise<T> {
  const profile = resolveProfile(flags.profile, flags, process.env);
  // a name that cannot be written fails before anything is fetched
  const awsProfile = flags.awsProfile && targetAwsProfile(profile, flags.awsProfile.flag, process.env);
  // credential_process and shell exports are read by a program, not a person: no prompt, no window;
  // a browser they need runs headless, and one that meets a page for a person says what to run
  const forProgram = flags.json || flags.export;
  const run = await buildRunOptions(profile, {
    spinner: flags.spinner,
    headless: forProgram || flags.headless,
    browser: flags.browserFallback ? 'forced' : forProgram ? 'headless' : 'auto',
    record: flags.record,
    noPerson: forProgram,
    deadline: flags.json,
  });
  let access: PortalAccess | undefined;
  const portal = async () => (access ??= await PortalAccess.open(run));
  try {
    if (flags.interactive) run.profile = { ...profile, ...(await chooseRole(await portal(), run, {})) };
    const credentials = await profileCredentials(run, portal, { forceSignIn: flags.forceRefresh, renew: flags.renew });
    run.progress.done();
    return await use({ run, credentials, portal, ...(awsProfile ? { awsProfile } : {}) });
  } finally {
    run.progress.done();
    await access?.close();
  }
}
