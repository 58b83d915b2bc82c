// Every failure a user can meet is one of these: a one-line message and an exit code.
// The sign-in chain reads `HandOver` as "the browser may try"; any other error stops it.

export class AwsssoError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = new.target.name;
  }
}

/** Why the HTTP sign-in stopped and the browser should take over. */
export type HandOverReason =
  | 'unknown-step'
  | 'captcha'
  | 'mfa-type'
  | 'refused'
  | 'foreign-host'
  | 'external-idp'
  | 'change-password';

export class HandOver extends AwsssoError {
  constructor(readonly reason: HandOverReason, message: string) {
    super(message);
  }
}

/** The service said no to what the user gave (password, code, user): retrying will not help. */
export class SignInRejected extends AwsssoError {}

/** A person is needed (prompt, browser) but none can be asked: e.g. under credential_process. */
export class NeedsPerson extends AwsssoError {}

/** The portal session is missing, expired or revoked. */
export class SessionExpired extends AwsssoError {}

/** Local files or settings are wrong: config, profile, cache. */
export class ConfigError extends AwsssoError {}
