// The portal API (protocol.md section 5): accounts, roles, role credentials, logout, and the
// legacy app instances (the Python awssso's profiles). The session token travels in x-amz-sso_bearer_token; no SigV4.
import type { Got } from 'got';
import type { Account, PortalSession, Role, RoleCredentials } from '../types.js';
import { AwsssoError } from '../errors.js';
import { isAccountId, isRoleName } from '../identifiers.js';
import { toEpochMs } from './epoch.js';
import { readAppInstanceProfiles, readAppInstances, readWhoAmIExpiry, type AppInstance, type AppInstanceProfile } from './wire-shapes.js';
import { mapLimit } from './map-limit.js';

export interface WhoAmI {
  /** epoch ms, when the answer carries expireDate */
  expiresAt?: number;
  /** the answer as the service gave it */
  body: Record<string, unknown>;
}

const PAGE_SIZE = '100';
/** 100,000 items: past this a listing is a server going round in circles. */
const MAX_PAGES = 1000;

/** What the portal answered cannot be used: says which operation and what was wrong. */
const badAnswer = (operation: string, what: string) => new AwsssoError(`${operation}: the portal's answer has ${what}`);

const describe = (value: unknown) => (value === undefined ? 'it is missing' : value === null ? 'it is null' : `it is a ${typeof value}`);

/** The credentials in a GetRoleCredentials answer, every field checked (protocol.md §5). */
function readRoleCredentials(body: unknown, now = Date.now()): RoleCredentials {
  const op = 'GetRoleCredentials';
  const creds = (body as { roleCredentials?: unknown } | null)?.roleCredentials;
  if (creds === null || typeof creds !== 'object') throw badAnswer(op, 'no roleCredentials');
  const fields = creds as Record<string, unknown>;
  const text = (name: 'accessKeyId' | 'secretAccessKey' | 'sessionToken'): string => {
    const value = fields[name];
    if (typeof value !== 'string' || !value) throw badAnswer(op, `no ${name}: ${value === '' ? 'it is empty' : describe(value)}`);
    // They go into INI files and shell lines: printable ASCII, no spaces, like every AWS key and token.
    if (!/^[\x21-\x7e]+$/.test(value)) throw badAnswer(op, `a ${name} with characters AWS credentials never have`);
    return value;
  };
  const raw = fields.expiration;
  const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) throw badAnswer(op, `no expiration: ${describe(raw)}`);
  const expiration = toEpochMs(number);
  if (expiration <= now) throw badAnswer(op, `credentials that already expired (${new Date(expiration).toISOString()})`);
  return { accessKeyId: text('accessKeyId'), secretAccessKey: text('secretAccessKey'), sessionToken: text('sessionToken'), expiration };
}

/** An instance's session duration when whoAmI does not say: 8 hours by default (protocol.md §4). */
const DEFAULT_SESSION_MS = 8 * 3600 * 1000;

/** A token just issued by a sign-in (HTTP or browser), with the expiry whoAmI gives it. */
export async function sessionFor(http: Got, endpoint: string, token: string): Promise<PortalSession> {
  const { expiresAt } = await new PortalClient(http, endpoint, token).whoAmI();
  return { token, expiresAt: expiresAt ?? Date.now() + DEFAULT_SESSION_MS };
}

export class PortalClient {
  private readonly api: Got;

  constructor(http: Got, endpoint: string, token: string) {
    this.api = http.extend({
      prefixUrl: endpoint.replace(/\/+$/, ''),
      headers: { 'x-amz-sso_bearer_token': token },
      responseType: 'json',
    });
  }

  private async call<T>(operation: string, path: string, searchParams?: Record<string, string>): Promise<T> {
    return (await this.api.get(path, { context: { operation }, ...(searchParams ? { searchParams } : {}) })).body as T;
  }

  /** Follows nextToken until the last page; a token seen before ends the listing with an error. */
  private async pages(operation: string, path: string, listKey: string, searchParams: Record<string, string>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
      if (nextToken) seen.add(nextToken);
      const params = { ...searchParams, max_result: PAGE_SIZE, ...(nextToken ? { next_token: nextToken } : {}) };
      const page = await this.call<Record<string, unknown> | null>(operation, path, params);
      const list = page?.[listKey];
      if (list !== undefined && !Array.isArray(list)) throw badAnswer(operation, `a ${listKey} that is not a list`);
      items.push(...((list ?? []) as unknown[]).map((item) => (item !== null && typeof item === 'object' ? item as Record<string, unknown> : {})));
      nextToken = typeof page?.nextToken === 'string' && page.nextToken ? page.nextToken : undefined;
      if (nextToken && seen.has(nextToken)) {
        throw new AwsssoError(`${operation}: the portal sent the same nextToken twice; stopped after ${seen.size + 1} pages`);
      }
      if (seen.size + 1 >= MAX_PAGES && nextToken) throw new AwsssoError(`${operation}: more than ${MAX_PAGES} pages; stopped`);
    } while (nextToken);
    return items;
  }

  async whoAmI(): Promise<WhoAmI> {
    const body = await this.call<Record<string, unknown>>('whoAmI', 'token/whoAmI');
    const expiresAt = readWhoAmIExpiry(body);
    return { ...(expiresAt ? { expiresAt } : {}), body };
  }

  /** Account ids are checked (12 digits) before anything uses them: they become paths and prompts. */
  async listAccounts(): Promise<Account[]> {
    const accounts = await this.pages('ListAccounts', 'assignment/accounts', 'accountList', {});
    return accounts.map(({ accountId, accountName, emailAddress }) => {
      if (!isAccountId(accountId)) throw badAnswer('ListAccounts', `an account id that is not 12 digits: ${JSON.stringify(accountId)}`);
      return { accountId, accountName: typeof accountName === 'string' ? accountName : '', ...(typeof emailAddress === 'string' && emailAddress ? { emailAddress } : {}) };
    });
  }

  /** Role names are checked against IAM's role-name characters, as account ids are. */
  async listRoles(accountId: string): Promise<Role[]> {
    const roles = await this.pages('ListAccountRoles', 'assignment/roles', 'roleList', { account_id: accountId });
    return roles.map(({ roleName }) => {
      if (!isRoleName(roleName)) throw badAnswer('ListAccountRoles', `a role name that is not an IAM role name: ${JSON.stringify(roleName)}`);
      return { roleName, accountId };
    });
  }

  /** Roles of many accounts, `concurrency` accounts at a time, in account order. */
  async listAllRoles(accounts: readonly Account[], concurrency = 4): Promise<Role[]> {
    return (await mapLimit(accounts, concurrency, (account) => this.listRoles(account.accountId))).flat();
  }

  /** Checked credentials, `expiration` in epoch milliseconds (the service's unit; seconds are converted). */
  async getRoleCredentials(accountId: string, roleName: string): Promise<RoleCredentials> {
    return readRoleCredentials(await this.call<unknown>('GetRoleCredentials', 'federation/credentials',
      { account_id: accountId, role_name: roleName }));
  }

  async logout(): Promise<void> {
    await this.api.post('logout', { responseType: 'text', context: { operation: 'Logout' } });
  }

  async appInstances(): Promise<AppInstance[]> {
    return readAppInstances(await this.call('app instances', 'instance/appinstances'));
  }

  async appInstanceProfiles(instanceId: string): Promise<AppInstanceProfile[]> {
    return readAppInstanceProfiles(await this.call('app instance profiles', `instance/appinstance/${encodeURIComponent(instanceId)}/profiles`));
  }
}
