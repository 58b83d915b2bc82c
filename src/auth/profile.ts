// The awssso profile a run works with: the config section, with the seed's precedence for
// region and AWS CLI profile (flags, then environment, then the file).
import type { AwsssoProfile } from '../types.js';
import { readProfile } from '../store/config.js';
import { checkProfileName } from '../identifiers.js';

export function resolveProfile(name: string, flags: { region?: string }, env: NodeJS.ProcessEnv): AwsssoProfile {
  const profile = readProfile(name, env);
  const region = flags.region || env.AWSSSO_REGION || env.AWS_DEFAULT_REGION || profile.region;
  return { ...profile, region };
}

/** Where `login` writes credentials: -a, then AWS_PROFILE, then the profile's aws_profile, then its name. */
export function targetAwsProfile(profile: AwsssoProfile, flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const target = flag || env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || profile.awsProfile || profile.name;
  checkProfileName(target);
  return target;
}
