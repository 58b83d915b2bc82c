// What every doctor check gives back, and what the earlier checks hand to the later ones.
import type { Got } from 'got';
import type { AwsssoProfile } from '../types.js';
import type { SecretStore } from '../store/secret-store.js';

/** `fail` makes `awssso doctor` exit non-zero; `warn` is worth knowing; `skip` could not be checked. */
export type Status = 'ok' | 'warn' | 'fail' | 'skip';

export interface Verdict {
  check: string;
  status: Status;
  /** one line: what was found */
  summary: string;
  /** one line: what to do about it (absent when nothing is to be done) */
  fix?: string;
}

export interface DoctorContext {
  profileName: string;
  /** the --region flag */
  region?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** set by the config check when the profile reads */
  profile?: AwsssoProfile;
  /** set by the secret-store check when a store answers */
  secrets?: SecretStore;
  /** set by the hosts check when the portal answers: the HTTP client awssso would use (allow-list, no retries) */
  http?: Got;
  /** set by the hosts check: the portal's Date header (ms, centred on its second) and our clock then */
  portalClock?: { date: number; local: number };
}

export type Check = (ctx: DoctorContext) => Promise<Verdict | Verdict[]>;

export const verdict = (check: string, status: Status, summary: string, fix?: string): Verdict =>
  fix ? { check, status, summary, fix } : { check, status, summary };

/** A check that cannot run because an earlier one failed. */
export const skipped = (check: string, because: string): Verdict => verdict(check, 'skip', `not checked: ${because}`);
