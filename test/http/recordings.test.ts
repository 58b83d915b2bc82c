// The client against every committed recording in test/recordings, replayed over a socket:
// the same answers as when it was recorded, every recorded exchange used, nothing unexpected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Har } from 'har-format';
import { fixture } from '../helpers/paths.js';
import { flows } from '../recordings/flows.js';
import { replayFlow } from '../recordings/run-flow.js';
import { DEMO_USER } from './emulator-kit.js';

const file = (name: string) => join(fixture('recordings'), `${name}.har`);

for (const flow of flows) {
  test(`replay ${flow.name}: ${flow.description}`, async () => {
    const { outcome, mismatches, unconsumed } = await replayFlow(flow, file(flow.name));
    assert.deepEqual(mismatches, []);
    assert.deepEqual(outcome, flow.expect);
    assert.deepEqual(unconsumed, []);
  });
}

test('the recordings are HAR 1.2, say where each shape came from, and hold no demo secret', async () => {
  for (const flow of flows) {
    const text = await readFile(file(flow.name), 'utf8');
    for (const secret of [DEMO_USER.password, DEMO_USER.totpSeed, 'N3w-Passw0rd!', 'Wrong-Passw0rd!']) {
      assert.ok(!text.includes(secret), `${flow.name} holds a secret`);
    }
    const har = JSON.parse(text) as Har;
    assert.equal(har.log.version, '1.2');
    assert.ok(har.log.entries.length > 0);
    for (const entry of har.log.entries) assert.match(entry.comment ?? '', /protocol\.md §\d|emulator/, `${flow.name}: ${entry.request.url}`);
  }
});

test('the throttled recording holds 429 answers that the client retried', async () => {
  const har = JSON.parse(await readFile(file('listing-throttled'), 'utf8')) as Har;
  assert.ok(har.log.entries.some((e) => e.response.status === 429));
});
