// What one command run hands to src/auth: the profile and how to talk to the person.
import type { AwsssoProfile } from '../types.js';
import type { Asker, Progress } from './ports.js';
import type { SignInMethods } from '../signin/chain.js';

/** Which sign-in methods a run may use: the chain's own names (src/signin/chain.ts). */
export type BrowserMode = SignInMethods;

export interface RunOptions {
  profile: AwsssoProfile;
  asker: Asker;
  progress: Progress;
  /** a warning: something the person should know went wrong or differently than asked */
  warn(line: string): void;
  /** a line of information, e.g. what was written where */
  inform(line: string): void;
  /**
   * auto: only when the HTTP sign-in hands over; forced: --browser-fallback; headless: like auto, but
   * the browser is never shown and is not started for what needs a person (credential_process); http-only: no browser.
   */
  browser: { mode: BrowserMode; headless: boolean };
  /** --record FILE: the sign-in exchanges as a redacted HAR. */
  recordTo?: string;
  /** epoch ms by which a credential_process call must be over (AWSSSO_DEADLINE), if it is one */
  deadline?: number;
  /** What the person should run when they are needed and cannot be asked. */
  whatToRun: string;
  env: NodeJS.ProcessEnv;
  /** Secrets this run brings (configure): used instead of the stored ones, kept only once a sign-in with them worked. */
  candidateSecrets?: { password?: string; totpSeed?: string };
}
