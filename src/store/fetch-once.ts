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

export interface HandedOver<T> {
  /** the value, as soon as it is read or fetched; rejects when it could not be had */
  value: Promise<T>;
  /** settles once a fetched value is saved and the lock is released; rejects only when that failed */
  saved: Promise<void>;
}

/**
 * fetchOnce that hands a fetched value over before saving it: the caller goes on with it (a portal
 * session's first request) while the save finishes under the lock, so other processes still read
 * it only once it is saved. The caller must await `saved` before it ends.
 */
export function fetchOnceHandingOver<T>(lockName: string, steps: FetchOnce<T>, opts: LockOptions = {}): HandedOver<T> {
  let handedOver = false;
  let handOver!: (value: T) => void;
  let fail!: (err: unknown) => void;
  const value = new Promise<T>((resolve, reject) => {
    handOver = (v) => {
      handedOver = true;
      resolve(v);
    };
    fail = reject;
  });
  const saved = (async () => {
    const hit = await steps.read();
    if (hit !== undefined) return handOver(hit);
    await withLock(lockName, async () => {
      const again = await steps.read();
      if (again !== undefined) return handOver(again);
      const fresh = await steps.fetch();
      handOver(fresh);
      await steps.save(fresh);
    }, opts);
  })().catch((err: unknown) => {
    // before the hand-over a failure is the value's, told once, there; after it, the save's
    if (!handedOver) return fail(err);
    throw err;
  });
  return { value, saved };
}

export async function fetchOnce<T>(lockName: string, steps: FetchOnce<T>, opts: LockOptions = {}): Promise<T> {
  const { value, saved } = fetchOnceHandingOver(lockName, steps, opts);
  await saved;
  return value;
}
