// The portal API (docs/protocol.md §5): accounts, roles, role credentials, logout, and the
// legacy app instances (the Python awssso's profiles). The session token travels in x-amz-sso_bearer_token; no SigV4.
import type { Got } from 'got';
import type { Account, PortalSession, Role, RoleCredentials } from '../types.js';
import { AwsssoError } from '../errors.js';
import { isAccountId, isRoleName } from '../identifiers.js';
import { badAnswer, readRoleCredentials } from './credentials-answer.js';
import { readAppInstanceProfiles, readAppInstances, readWhoAmIExpiry, type AppInstance, type AppInstanceProfile } from './wire-shapes.js';
import { mapLimit } from './map-limit.js';
import { rateLimitHooks, type AdaptiveRateLimit } from './hooks/rate-limit.js';
import { Throttled } from '../errors.js';
import { createHash } from 'node:crypto';

export interface WhoAmI {
  /** epoch ms, when the answer carries expireDate */
  expiresAt?: number;
  /** the answer as the service gave it */
  body: Record<string, unknown>;
}

const PAGE_SIZE = '100';
/** 100,000 items: past this a listing is a server going round in circles. */
const MAX_PAGES = 1000;

/** An instance's session duration when whoAmI does not say: 8 hours by default (docs/protocol.md §4). */
const DEFAULT_SESSION_MS = 8 * 3600 * 1000;

/** A token just issued by a sign-in (HTTP or browser), with the expiry whoAmI gives it. */
export async function sessionFor(http: Got, endpoint: string, token: string): Promise<PortalSession> {
  const { expiresAt } = await new PortalClient(http, endpoint, token).whoAmI();
  return { token, expiresAt: expiresAt ?? Date.now() + DEFAULT_SESSION_MS };
}

export interface ListAllRolesOptions {
  /** accounts whose roles are asked for at the same time (default 8) */
  concurrency?: number;
  /** called as each account's roles arrive, e.g. to save them */
  onRoles?: (account: Account, roles: Role[]) => void | Promise<void>;
}

export class PortalClient {
  private readonly api: Got;
  /** Names the session without holding it: a truncated SHA-256 of the token. */
  readonly sessionTag: string;

  /** `rateLimit`: one limit shared by every call of this session's clients. */
  constructor(http: Got, endpoint: string, token: string, rateLimit?: AdaptiveRateLimit) {
    const hooks = rateLimit && rateLimitHooks(rateLimit);
    this.api = http.extend({
      prefixUrl: endpoint.replace(/\/+$/, ''),
      headers: { 'x-amz-sso_bearer_token': token },
      responseType: 'json',
      ...(hooks ? { hooks: { beforeRequest: [hooks.beforeRequest], afterResponse: [hooks.afterResponse] } } : {}),
    });
    this.sessionTag = createHash('sha256').update(token).digest('hex').slice(0, 16);
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

  /**
   * Roles of many accounts, `concurrency` accounts at a time, in account order. Throttling alone
   * never fails the listing: an account still refused after the retries is asked again (the rate
   * limit has slowed down meanwhile).
   */
  async listAllRoles(accounts: readonly Account[], opts: ListAllRolesOptions = {}): Promise<Role[]> {
    const rolesOf = async (account: Account): Promise<Role[]> => {
      for (;;) {
        try {
          const roles = await this.listRoles(account.accountId);
          await opts.onRoles?.(account, roles);
          return roles;
        } catch (err) {
          if (!(err instanceof Throttled)) throw err;
        }
      }
    };
    return (await mapLimit(accounts, opts.concurrency ?? 8, rolesOf)).flat();
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
