// The accounts and roles a user was assigned, cached per portal session (one 0600 file per user
// and start URL) so that `ls` and `populate` do not ask the portal again, and so that a listing
// interrupted half-way resumes: the first line names the session and holds the accounts, each
// later line the roles of one account, appended as it completes. A line cut short by a crash is
// ignored; a file of another session is not used.
import { createHash } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Account } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';
import { cacheDir } from './paths.js';

export interface ListingKey {
  username: string;
  startUrl: string;
  /** names the portal session the listing belongs to (never the token itself) */
  session: string;
}

interface Header extends ListingKey {
  accounts: Account[];
}

export function listingCachePath(key: Pick<ListingKey, 'username' | 'startUrl'>, env?: NodeJS.ProcessEnv): string {
  const id = createHash('sha1').update(JSON.stringify([key.username, key.startUrl])).digest('hex');
  return join(cacheDir(env), 'listings', `${id}.jsonl`);
}

export class ListingCache {
  private constructor(
    private readonly path: string,
    /** undefined until the accounts are known */
    private accountList: Account[] | undefined,
    /** account id -> role names, for the accounts whose roles were listed */
    readonly roles: Map<string, string[]>,
  ) {}

  /** What was cached for this session; nothing when `fresh` (--refresh), for another session or unreadable. */
  static async open(key: ListingKey, opts: { fresh?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ListingCache> {
    const path = listingCachePath(key, opts.env);
    const empty = new ListingCache(path, undefined, new Map());
    if (opts.fresh) return empty;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return empty;
    }
    const [first, ...rest] = text.split('\n');
    const header = parseLine<Header>(first);
    if (!header || header.username !== key.username || header.startUrl !== key.startUrl || header.session !== key.session ||
      !Array.isArray(header.accounts)) return empty;
    const roles = new Map<string, string[]>();
    for (const line of rest) {
      const entry = parseLine<{ accountId: string; roles: string[] }>(line);
      if (typeof entry?.accountId === 'string' && Array.isArray(entry.roles)) roles.set(entry.accountId, entry.roles);
    }
    return new ListingCache(path, header.accounts, roles);
  }

  get accounts(): Account[] | undefined {
    return this.accountList;
  }

  /** Starts the file over for this session with its accounts. */
  async saveAccounts(key: ListingKey, accounts: Account[]): Promise<void> {
    this.accountList = accounts;
    this.roles.clear();
    const header: Header = { ...key, accounts };
    await writeFileAtomic(this.path, `${JSON.stringify(header)}\n`, 0o600);
  }

  /** One account's roles, appended as one line: what an interrupted listing has not to ask again. */
  async saveRoles(accountId: string, roleNames: string[]): Promise<void> {
    this.roles.set(accountId, roleNames);
    await appendFile(this.path, `${JSON.stringify({ accountId, roles: roleNames })}\n`, { mode: 0o600 });
  }
}

function parseLine<T>(line: string | undefined): Partial<T> | undefined {
  if (!line) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' ? (value as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}
