// The portal API (docs/protocol.md §5): accounts, roles, role credentials, logout, and the
// legacy app instances (the Python awssso's profiles). The session token travels in x-amz-sso_bearer_token; no SigV4.
import type { Got } from 'got';
import type { Account, PortalSession, Role, RoleCredentials } from '../types.js';
import { readAppInstanceProfiles, readAppInstances, readWhoAmIExpiry, type AppInstance, type AppInstanceProfile } from './wire-shapes.js';
import { mapLimit } from './map-limit.js';

export interface WhoAmI {
  /** epoch ms, when the answer carries expireDate */
  expiresAt?: number;
  /** the answer as the service gave it */
  body: Record<string, unknown>;
}

const PAGE_SIZE = '100';

/** An instance's session duration when whoAmI does not say: 8 hours by default (docs/protocol.md §4). */
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

  /** Follows nextToken until the last page. */
  private async pages<T>(operation: string, path: string, listKey: string, searchParams: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    let nextToken: string | undefined;
    do {
      const params = { ...searchParams, max_result: PAGE_SIZE, ...(nextToken ? { next_token: nextToken } : {}) };
      const page = await this.call<Record<string, unknown>>(operation, path, params);
      items.push(...((page[listKey] as T[] | undefined) ?? []));
      nextToken = typeof page.nextToken === 'string' && page.nextToken ? page.nextToken : undefined;
    } while (nextToken);
    return items;
  }

  async whoAmI(): Promise<WhoAmI> {
    const body = await this.call<Record<string, unknown>>('whoAmI', 'token/whoAmI');
    const expiresAt = readWhoAmIExpiry(body);
    return { ...(expiresAt ? { expiresAt } : {}), body };
  }

  async listAccounts(): Promise<Account[]> {
    const accounts = await this.pages<Account>('ListAccounts', 'assignment/accounts', 'accountList', {});
    return accounts.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, ...(emailAddress ? { emailAddress } : {}) }));
  }

  async listRoles(accountId: string): Promise<Role[]> {
    const roles = await this.pages<Role>('ListAccountRoles', 'assignment/roles', 'roleList', { account_id: accountId });
    return roles.map((role) => ({ roleName: role.roleName, accountId: role.accountId ?? accountId }));
  }

  /** Roles of many accounts, `concurrency` accounts at a time, in account order. */
  async listAllRoles(accounts: readonly Account[], concurrency = 4): Promise<Role[]> {
    return (await mapLimit(accounts, concurrency, (account) => this.listRoles(account.accountId))).flat();
  }

  /** `expiration` in epoch milliseconds, as the service gives it. */
  async getRoleCredentials(accountId: string, roleName: string): Promise<RoleCredentials> {
    const body = await this.call<{ roleCredentials: RoleCredentials }>('GetRoleCredentials', 'federation/credentials',
      { account_id: accountId, role_name: roleName });
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = body.roleCredentials;
    return { accessKeyId, secretAccessKey, sessionToken, expiration };
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
