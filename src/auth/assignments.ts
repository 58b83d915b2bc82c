// What a user can reach: accounts and, on request, their roles, from the per-session listing cache
// when it has them, else from the portal (roles of many accounts under the adaptive rate limit,
// each account saved as it completes so that an interrupted listing resumes where it stopped).
import type { Account } from '../types.js';
import type { PortalAccess } from './portal-access.js';
import type { RunOptions } from './run-options.js';
import { ListingCache } from '../store/listing-cache.js';

export interface Assignment extends Account {
  /** the account's role names, when roles were asked for */
  roles?: string[];
}

export interface ListRequest {
  roles: boolean;
  /** ask the portal again, whatever the cache holds (--refresh) */
  refresh: boolean;
  /** accounts whose roles are known so far, of all accounts; called as each completes */
  onProgress?: (done: number, total: number) => void;
}

export async function listAssignments(run: RunOptions, access: PortalAccess, req: ListRequest): Promise<Assignment[]> {
  const { username, url: startUrl } = run.profile;
  return access.call(async (client) => {
    const key = { username, startUrl, session: client.sessionTag };
    const cache = await ListingCache.open(key, { fresh: req.refresh, env: run.env });
    let accounts = cache.accounts;
    if (!accounts) {
      run.progress.step('Listing accounts');
      accounts = await client.listAccounts();
      run.progress.done();
      await cache.saveAccounts(key, accounts);
    }
    if (!req.roles) return accounts;
    const todo = accounts.filter((account) => !cache.roles.has(account.accountId));
    let done = accounts.length - todo.length;
    req.onProgress?.(done, accounts.length);
    await client.listAllRoles(todo, {
      onRoles: async (account, roles) => {
        await cache.saveRoles(account.accountId, roles.map((role) => role.roleName));
        req.onProgress?.(++done, accounts.length);
      },
    });
    return accounts.map((account) => ({ ...account, roles: cache.roles.get(account.accountId) ?? [] }));
  });
}
