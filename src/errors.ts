// Every failure a user can meet is one of these: a one-line message and an exit code that tells a
// script which kind of failure it was (the README lists them). The sign-in chain's own signal,
// HandOver, lives with the chain's contract (src/signin/contract.ts).

/** Exit codes by class of failure; 2 is oclif's for a usage error (unknown flag, bad value). */
export const EXIT = {
  failed: 1,
  usage: 2,
  config: 3,
  needsPerson: 4,
  refused: 5,
  sessionExpired: 6,
  unreachable: 7,
} as const;

export class AwsssoError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.failed) {
    super(message);
    this.name = new.target.name;
  }
}

/** A class of failure: an AwsssoError whose exit code is fixed by its class. */
function failureClass(exitCode: number) {
  return class extends AwsssoError {
    constructor(message: string) {
      super(message, exitCode);
    }
  };
}

/** The service said no to what the user gave (password, code, user): retrying will not help. */
export class SignInRejected extends failureClass(EXIT.refused) {}

/** A person is needed (prompt, browser) but none can be asked: e.g. under credential_process. */
export class NeedsPerson extends failureClass(EXIT.needsPerson) {}

/** The portal session is missing, expired or revoked. */
export class SessionExpired extends failureClass(EXIT.sessionExpired) {}

/** Local files or settings are wrong: config, profile, cache. */
export class ConfigError extends failureClass(EXIT.config) {}

/** The service could not be reached, or kept throttling: the same command may work later. */
export class Unreachable extends failureClass(EXIT.unreachable) {}

/** AWS kept answering 429 after the retries: an Unreachable that a caller may queue again. */
export class Throttled extends Unreachable {}
