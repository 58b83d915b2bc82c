// What the emulated directory holds and how it behaves: types, the built-in demo directory,
// and loading a scenario file with errors that name the offending field.
import { readFileSync } from 'node:fs';

export type MfaMode = 'always' | 'context' | 'off';
/**
 * TOTP: the project's guessed `get-mfa` step [inferred]; EMAIL_OTP: the evidenced e-mail step
 * `get-email-otp-login-credential`; TOTP_UNLISTED: an authenticator-app step no client knows
 * (`get-totp-login-credential`), for the browser path; WEBAUTHN: `get-mfa`, browser only.
 */
export type MfaType = 'TOTP' | 'EMAIL_OTP' | 'TOTP_UNLISTED' | 'WEBAUTHN';
export type Challenge = 'none' | 'captcha' | 'image-captcha' | 'unknown-step';
export type FirewallAction = 'challenge' | 'captcha' | 'block';
export type SigninPageVariant = 'normal' | 'late';

/** An AWS WAF answer in front of one sign-in step (docs/protocol.md §2 firewall). */
export interface Firewall {
  action: FirewallAction;
  /** The request stepId it answers, e.g. "get-password". */
  step: string;
}

export interface ScenarioUser {
  username: string;
  password: string;
  /** Base32; required when mfaType is TOTP or TOTP_UNLISTED and MFA is not off. */
  totpSeed?: string;
  mfa: MfaMode;
  mfaType: MfaType;
  locked: boolean;
  mustChangePassword: boolean;
}

export interface ScenarioAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface Throttle {
  /** Requests per wall-clock second allowed for each limited operation; 0 = always throttle. */
  perSecond: number;
  /** Operation names (RequestLogEntry.op) it applies to; absent = every operation. */
  operations?: string[];
}

/** The emulated directory after defaults: what the routes read. */
export interface ResolvedScenario {
  region: string;
  directoryId: string;
  alias: string;
  users: ScenarioUser[];
  accounts: ScenarioAccount[];
  throttle?: Throttle;
  portalSessionSeconds: number;
  roleCredentialSeconds: number;
  challenge: Challenge;
  /** How many /auth/sso-token calls per authCode answer 200 "not authorized" before the token comes. */
  ssoTokenNotReady: number;
  firewall?: Firewall;
  /** get-password without a FingerPrintRequestInput answers AUTHENTICATION_FAILED. */
  fingerprintRequired: boolean;
  /** The project's invented error codes (USER_LOCKED, ...) instead of the evidenced ones. */
  inventedErrorCodes: boolean;
  /** A live aws-usi-authn cookie makes `start` answer end-of-workflow-success. */
  signinHostSession: boolean;
  signinPage: SigninPageVariant;
}

/** A scenario as written in a file (or passed to startEmulator): every setting is optional. */
export interface Scenario {
  description?: string;
  region?: string;
  directoryId?: string;
  alias?: string;
  users?: Array<Partial<ScenarioUser> & { username: string; password: string }>;
  /** A count (ids generated, see generatedAccounts) or the accounts themselves. */
  accounts?: number | Array<Omit<ScenarioAccount, 'emailAddress'> & { emailAddress?: string }>;
  /** With a count of accounts: roles per account (default 2). */
  rolesPerAccount?: number;
  throttle?: Throttle;
  portalSessionSeconds?: number;
  roleCredentialSeconds?: number;
  challenge?: Challenge;
  ssoTokenNotReady?: number;
  firewall?: Firewall;
  fingerprintRequired?: boolean;
  inventedErrorCodes?: boolean;
  signinHostSession?: boolean;
  signinPage?: SigninPageVariant;
}

export const DEMO_USER = {
  username: 'demo@example.com',
  password: 'Demo-Passw0rd!',
  totpSeed: 'JBSWY3DPEHPK3PXP',
} as const;

const ROLE_NAMES = ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'ViewOnlyAccess', 'BillingAccess'];

function userDefaults(u: Pick<ScenarioUser, 'username' | 'password'> & Partial<ScenarioUser>): ScenarioUser {
  return { mfa: 'context', mfaType: 'TOTP', locked: false, mustChangePassword: false, ...u };
}

export function demoScenario(): ResolvedScenario {
  return {
    region: 'us-east-1',
    directoryId: 'd-0123456789',
    alias: 'demo',
    users: [userDefaults({ ...DEMO_USER })],
    accounts: [
      { accountId: '111122223333', accountName: 'Development', emailAddress: 'aws-dev@example.com',
        roles: ['AdministratorAccess', 'ReadOnlyAccess'] },
      { accountId: '444455556666', accountName: 'Staging', emailAddress: 'aws-staging@example.com',
        roles: ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess'] },
      { accountId: '777788889999', accountName: 'Production', emailAddress: 'aws-prod@example.com',
        roles: ['ReadOnlyAccess', 'BillingAccess'] },
    ],
    portalSessionSeconds: 8 * 3600,
    roleCredentialSeconds: 3600,
    challenge: 'none',
    ssoTokenNotReady: 0,
    fingerprintRequired: false,
    inventedErrorCodes: false,
    signinHostSession: true,
    signinPage: 'normal',
  };
}

/** `count` accounts with `rolesPerAccount` roles each: ids 100000000001, 100000000002, ... */
export function generatedAccounts(count: number, rolesPerAccount: number): ScenarioAccount[] {
  return Array.from({ length: count }, (_, i) => ({
    accountId: String(100000000001 + i),
    accountName: `account-${i + 1}`,
    emailAddress: `aws-account-${i + 1}@example.com`,
    roles: Array.from({ length: rolesPerAccount }, (_, j) => ROLE_NAMES[j] ?? `Role${j + 1}`),
  }));
}

export class ScenarioError extends Error {}

type Json = Record<string, unknown>;

function fail(where: string, what: string): never {
  throw new ScenarioError(`${where} ${what}`);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Json, key: string, where: string, dflt?: string): string {
  const v = o[key];
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'string' || v === '') fail(`${where}.${key}`, 'must be a non-empty string');
  return v;
}

function optStr(o: Json, key: string, where: string): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, where);
}

function int(o: Json, key: string, where: string, dflt: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = o[key] ?? dflt;
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
    fail(`${where}.${key}`, `must be an integer from ${min} to ${max}`);
  }
  return v as number;
}

function bool(o: Json, key: string, where: string, dflt = false): boolean {
  const v = o[key] ?? dflt;
  if (typeof v !== 'boolean') fail(`${where}.${key}`, 'must be true or false');
  return v;
}

function oneOf<T extends string>(o: Json, key: string, where: string, allowed: readonly T[], dflt: T): T {
  const v = o[key] ?? dflt;
  if (!allowed.includes(v as T)) fail(`${where}.${key}`, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

function checkKeys(o: Json, where: string, allowed: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(`${where}.${k}`, `is not a known setting (known: ${allowed.join(', ')})`);
}

function parseUser(raw: unknown, where: string): ScenarioUser {
  if (!isObject(raw)) fail(where, 'must be an object');
  checkKeys(raw, where, ['username', 'password', 'totpSeed', 'mfa', 'mfaType', 'locked', 'mustChangePassword']);
  const user = userDefaults({
    username: str(raw, 'username', where),
    password: str(raw, 'password', where),
    totpSeed: optStr(raw, 'totpSeed', where),
    mfa: oneOf(raw, 'mfa', where, ['always', 'context', 'off'] as const, 'context'),
    mfaType: oneOf(raw, 'mfaType', where, ['TOTP', 'EMAIL_OTP', 'TOTP_UNLISTED', 'WEBAUTHN'] as const, 'TOTP'),
    locked: bool(raw, 'locked', where),
    mustChangePassword: bool(raw, 'mustChangePassword', where),
  });
  if (user.totpSeed !== undefined && !/^[A-Z2-7]+=*$/i.test(user.totpSeed)) fail(`${where}.totpSeed`, 'must be base32');
  if (user.mfa !== 'off' && user.mfaType.startsWith('TOTP') && !user.totpSeed) fail(`${where}.totpSeed`, 'is required for TOTP MFA');
  return user;
}

function parseAccount(raw: unknown, where: string): ScenarioAccount {
  if (!isObject(raw)) fail(where, 'must be an object');
  checkKeys(raw, where, ['accountId', 'accountName', 'emailAddress', 'roles']);
  const accountId = str(raw, 'accountId', where);
  if (!/^\d{12}$/.test(accountId)) fail(`${where}.accountId`, 'must be 12 digits');
  const roles = raw.roles;
  if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string' || !/^[\w+=,.@-]{1,64}$/.test(r))) {
    fail(`${where}.roles`, 'must be a list of role names');
  }
  const accountName = str(raw, 'accountName', where);
  return { accountId, accountName, emailAddress: str(raw, 'emailAddress', where, `${accountId}@example.com`), roles };
}

/** Validates a parsed scenario; every absent setting takes the demo directory's value. */
export function parseScenario(raw: unknown): ResolvedScenario {
  if (!isObject(raw)) fail('scenario', 'must be a JSON object');
  const base = demoScenario();
  checkKeys(raw, 'scenario', ['region', 'directoryId', 'alias', 'users', 'accounts', 'rolesPerAccount', 'throttle',
    'portalSessionSeconds', 'roleCredentialSeconds', 'challenge', 'ssoTokenNotReady', 'firewall', 'fingerprintRequired',
    'inventedErrorCodes', 'signinHostSession', 'signinPage', 'description']);
  const directoryId = str(raw, 'directoryId', 'scenario', base.directoryId);
  if (!/^d-[0-9a-f]{10}$/.test(directoryId)) fail('scenario.directoryId', 'must look like d-0123456789');

  let users = base.users;
  if (raw.users !== undefined) {
    if (!Array.isArray(raw.users) || raw.users.length === 0) fail('scenario.users', 'must be a non-empty list');
    users = raw.users.map((u, i) => parseUser(u, `scenario.users[${i}]`));
  }

  let accounts = base.accounts;
  if (typeof raw.accounts === 'number' || raw.rolesPerAccount !== undefined) {
    const count = int(raw, 'accounts', 'scenario', base.accounts.length, 0, 10000);
    accounts = generatedAccounts(count, int(raw, 'rolesPerAccount', 'scenario', 2, 0, 100));
  } else if (raw.accounts !== undefined) {
    if (!Array.isArray(raw.accounts)) fail('scenario.accounts', 'must be a number or a list of accounts');
    accounts = raw.accounts.map((a, i) => parseAccount(a, `scenario.accounts[${i}]`));
  }

  let throttle: Throttle | undefined;
  if (raw.throttle !== undefined) {
    if (!isObject(raw.throttle)) fail('scenario.throttle', 'must be an object');
    checkKeys(raw.throttle, 'scenario.throttle', ['perSecond', 'operations']);
    const ops = raw.throttle.operations;
    if (ops !== undefined && (!Array.isArray(ops) || ops.some((o) => typeof o !== 'string'))) {
      fail('scenario.throttle.operations', 'must be a list of operation names');
    }
    throttle = { perSecond: int(raw.throttle, 'perSecond', 'scenario.throttle', 0, 0), operations: ops as string[] | undefined };
  }

  let firewall: Firewall | undefined;
  if (raw.firewall !== undefined) {
    if (!isObject(raw.firewall)) fail('scenario.firewall', 'must be an object');
    checkKeys(raw.firewall, 'scenario.firewall', ['action', 'step']);
    firewall = {
      action: oneOf(raw.firewall, 'action', 'scenario.firewall', ['challenge', 'captcha', 'block'] as const, 'challenge'),
      step: typeof raw.firewall.step === 'string' ? raw.firewall.step : fail('scenario.firewall.step', 'must be a request stepId'),
    };
  }

  return {
    region: str(raw, 'region', 'scenario', base.region),
    directoryId,
    alias: str(raw, 'alias', 'scenario', base.alias),
    users,
    accounts,
    throttle,
    portalSessionSeconds: int(raw, 'portalSessionSeconds', 'scenario', base.portalSessionSeconds, 1),
    roleCredentialSeconds: int(raw, 'roleCredentialSeconds', 'scenario', base.roleCredentialSeconds, 1, 43200),
    challenge: oneOf(raw, 'challenge', 'scenario', ['none', 'captcha', 'image-captcha', 'unknown-step'] as const, 'none'),
    ssoTokenNotReady: int(raw, 'ssoTokenNotReady', 'scenario', 0, 0, 100),
    firewall,
    fingerprintRequired: bool(raw, 'fingerprintRequired', 'scenario'),
    inventedErrorCodes: bool(raw, 'inventedErrorCodes', 'scenario'),
    signinHostSession: bool(raw, 'signinHostSession', 'scenario', true),
    signinPage: oneOf(raw, 'signinPage', 'scenario', ['normal', 'late'] as const, 'normal'),
  };
}

export function loadScenario(file: string): ResolvedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError(`cannot read scenario file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`scenario file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return parseScenario(raw);
  } catch (e) {
    throw e instanceof ScenarioError ? new ScenarioError(`${file}: ${e.message}`) : e;
  }
}
