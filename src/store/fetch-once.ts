// "Read, lock, read again, fetch, save": how a crowd of processes that all miss the same cached
// value (role credentials, a portal session) makes one fetch. The second read is the point: another
// process may have fetched and saved the value while this one waited for the lock.
import { withLock, type LockOptions } from './lock.js';

export interface FetchOnce<T> {
  /** the cached value when it is still good, else undefined */
  read(): Promise<T | undefined> | T | undefined;
  fetch(): Promise<T>;
  save(value: T): Promise<void>;
}

export async function fetchOnce<T>(lockName: string, steps: FetchOnce<T>, opts: LockOptions = {}): Promise<T> {
  const hit = await steps.read();
  if (hit !== undefined) return hit;
  return withLock(lockName, async () => {
    const saved = await steps.read();
    if (saved !== undefined) return saved;
    const fresh = await steps.fetch();
    await steps.save(fresh);
    return fresh;
  }, opts);
}
