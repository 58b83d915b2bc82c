// "Read, lock, read again, fetch, save", and its variant that hands the fetched value over before
// the save ends (a new portal session is used while it is being saved).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchOnce, fetchOnceHandingOver, type FetchOnce } from '../../src/store/fetch-once.js';
import { tempDir } from './support.js';

/** A value kept in memory, fetched by counting, saved after `saveMs`; every step is logged. */
function counter(saveMs = 0, fail?: { fetch?: Error; save?: Error }) {
  let stored: number | undefined;
  let fetched = 0;
  const log: string[] = [];
  const steps: FetchOnce<number> = {
    read: () => stored,
    fetch: async () => {
      log.push('fetch');
      if (fail?.fetch) throw fail.fetch;
      return ++fetched;
    },
    save: async (value) => {
      await new Promise((r) => setTimeout(r, saveMs));
      if (fail?.save) throw fail.save;
      stored = value;
      log.push(`saved ${value}`);
    },
  };
  return { steps, log, fetches: () => fetched };
}

test('the value is handed over before its save ends, and the lock is held until it has', async (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t) };
  const c = counter(150);
  const first = fetchOnceHandingOver('value', c.steps, { env });
  assert.equal(await first.value, 1);
  c.log.push('used 1');
  // another caller of the same name waits for the lock, then reads what was saved: no second fetch
  const second = fetchOnce('value', c.steps, { env });
  await first.saved;
  assert.equal(await second, 1);
  assert.deepEqual(c.log, ['fetch', 'used 1', 'saved 1']);
  assert.equal(c.fetches(), 1);
});

test('a value read from the store is handed over at once, with nothing to save', async (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t) };
  const c = counter();
  await fetchOnce('value', c.steps, { env });
  const again = fetchOnceHandingOver('value', c.steps, { env });
  assert.equal(await again.value, 1);
  await again.saved;
  assert.equal(c.fetches(), 1);
});

test('a failed fetch is told once, by the value; `saved` settles quietly and the lock is free', async (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t) };
  const refused = new Error('refused');
  const failing = fetchOnceHandingOver('value', counter(0, { fetch: refused }).steps, { env });
  await assert.rejects(failing.value, refused);
  await failing.saved;
  assert.equal(await fetchOnce('value', counter().steps, { env, timeoutMs: 1_000 }), 1, 'the lock was released');
});

test('a failed save after the hand-over is told by `saved`, and by fetchOnce', async (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t) };
  const full = new Error('disk full');
  const handed = fetchOnceHandingOver('value', counter(0, { save: full }).steps, { env });
  assert.equal(await handed.value, 1);
  await assert.rejects(handed.saved, full);
  await assert.rejects(fetchOnce('other', counter(0, { save: full }).steps, { env }), full);
});
