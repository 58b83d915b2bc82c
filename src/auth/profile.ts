// The awssso profile a run works with, and the one precedence rule every command, the README and
// --help state: a flag, then awssso's own variable (AWSSSO_*), then the profile, then the AWS
// defaults (AWS_*). The AWS defaults come last because they usually name a workload's region or
// profile, not the IAM Identity Center ones.
import type { AwsssoProfile } from '../types.js';
import { readProfile } from '../store/config-read.js';
import { checkProfileName } from '../identifiers.js';

/** A setting as given for this run (flag or AWSSSO_*), and what to fall back on (profile, AWS_*). */
export interface Setting {
  given?: string;
  fallback?: string;
}

const first = (...values: (string | undefined)[]) => values.find((v) => v) || undefined;

/** The IAM Identity Center region: --region, AWSSSO_REGION, the profile's, AWS_REGION, AWS_DEFAULT_REGION. */
export function regionSetting(flag: string | undefined, env: NodeJS.ProcessEnv, profileRegion?: string): Setting {
  return { given: first(flag, env.AWSSSO_REGION), fallback: first(profileRegion, env.AWS_REGION, env.AWS_DEFAULT_REGION) };
}

/** The AWS CLI profile `login` writes: -a, the profile's aws_profile, AWS_PROFILE, then the awssso profile's name. */
export function awsProfileSetting(flag: string | undefined, env: NodeJS.ProcessEnv, profile: { name: string; awsProfile?: string }): Setting {
  return { given: first(flag), fallback: first(profile.awsProfile, env.AWS_PROFILE, profile.name) };
}

const chosen = ({ given, fallback }: Setting) => given ?? fallback;

export function resolveProfile(name: string, flags: { region?: string }, env: NodeJS.ProcessEnv): AwsssoProfile {
  const profile = readProfile(name, env);
  return { ...profile, region: chosen(regionSetting(flags.region, env, profile.region))! };
}

export function targetAwsProfile(profile: AwsssoProfile, flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const target = chosen(awsProfileSetting(flag, env, profile))!;
  checkProfileName(target);
  return target;
}
