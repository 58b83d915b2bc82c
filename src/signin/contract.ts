// What every sign-in method shares, and nothing else: the questions a sign-in may ask, the place it
// signs in to, the tools it is given, and the HandOver signal that lets the chain try the next
// method. A method returns the portal token it was issued: how long it lasts (whoAmI) is asked by
// whoever keeps it, beside the first request made with it. A leaf: the methods (http/, browser/) and the chain import it; it
// imports neither.
import type { Got } from 'got';
import type { CookieJar } from 'tough-cookie';
import type { HarRecorder } from '../http/hooks/har-recorder.js';
import { AwsssoError, SignInRejected } from '../errors.js';

/** MFA codes a sign-in can ask for by type; other kinds (a security key) need a browser. EMAIL_OTP: an empty answer asks for a new mail. */
export type MfaType = 'TOTP' | 'EMAIL_OTP';

/** What a sign-in may need from the person or the secret store, whichever method asks. */
export interface SignInQuestions {
  username: string;
  password(): Promise<string>;
  /** A code for the MFA type: from the stored TOTP seed when there is one, else asked. */
  mfaCode(type: MfaType): Promise<string>;
  /** Codes come from a person (no stored seed): after a rejected code, asking again may help. */
  readonly codesFromPerson: boolean;
  /** Asked when the directory makes the user choose a new password; absent when no one can be asked. */
  newPassword?(): Promise<string>;
  /** The chain moves on to the next method: what the last one was given proved nothing yet. */
  nextMethod?(): void;
}

/** Where to sign in. */
export interface SignInTarget {
  startUrl: string;
  /** the IAM Identity Center region of the start URL */
  region: string;
  /** the portal API (AWS_ENDPOINT_URL_SSO or portal.sso.<region>.amazonaws.com) */
  portalEndpoint: string;
  /** exact origins besides the AWS host families where answers may be given (the emulator) */
  configuredOrigins: string[];
}

/** What a method is given to work with. */
export interface SignInTools {
  /** HTTP client with the host policy, retries and recording, on `jar` */
  http: Got;
  /** the cookie jar of this user and start URL: a trusted-device cookie lives here */
  jar: CookieJar;
  recorder?: HarRecorder;
  /** a progress line for a slow step (a spinner on a terminal, nothing elsewhere) */
  progress(line: string): void;
  /** a warning the person should read, on stderr */
  warn(line: string): void;
}

/** One sign-in: where, who, and with what. Each method takes this (plus its own options). */
export interface SignInRequest {
  target: SignInTarget;
  questions: SignInQuestions;
  tools: SignInTools;
}

/** Why the HTTP sign-in stopped and the browser should take over. */
export type HandOverReason =
  | 'unknown-step'
  | 'captcha'
  | 'mfa-type'
  | 'refused'
  | 'firewall'
  | 'foreign-host'
  | 'external-idp'
  | 'change-password';

/** "This method cannot go on; the next one may": the only error on which the chain continues. */
export class HandOver extends AwsssoError {
  constructor(
    readonly reason: HandOverReason,
    message: string,
    /** only a person at a visible browser can go on: a captcha, a security key, the organisation's own sign-in */
    readonly needsPerson = false,
  ) {
    super(message);
  }
}

/**
 * The sign-in page itself showed the refusal: the verdict the HTTP path never draws on its own
 * (docs/protocol.md §9, AUTHENTICATION_FAILED is ambiguous over HTTP).
 */
export class RefusedByPage extends SignInRejected {}
