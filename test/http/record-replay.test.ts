// Recording proves itself: each flow is recorded live from the emulator, then replayed, and the
// client gets the same answers. The replay harness also refuses what the recording did not expect.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieJar } from 'tough-cookie';
import { AwsssoError } from '../../src/errors.js';
import { PortalClient } from '../../src/http/portal.js';
import { createHttp } from '../../src/http/client.js';
import { fixture } from '../helpers/paths.js';
import { flows } from '../recordings/flows.js';
import { recordFlow, replayFlow } from '../recordings/run-flow.js';
import { replayHar } from '../recordings/replay.js';

const dir = await mkdtemp(join(tmpdir(), 'awssso-recordings-'));
after(() => rm(dir, { recursive: true, force: true }));

for (const flow of flows) {
  test(`record then replay ${flow.name}`, async () => {
    const file = join(dir, `${flow.name}.har`);
    const live = await recordFlow(flow, file);
    assert.deepEqual(live.leaked, []);
    assert.deepEqual(live.outcome, flow.expect);
    const replayed = await replayFlow(flow, file);
    assert.deepEqual(replayed.mismatches, []);
    assert.deepEqual(replayed.outcome, live.outcome);
    assert.deepEqual(replayed.unconsumed, []);
  });
}

test('a request the recording does not expect gets 599 and is reported; the rest stays unconsumed', async () => {
  const replay = await replayHar(join(fixture('recordings'), 'session-expired.har'));
  try {
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [replay.url], retry: { limit: 0 } });
    const portal = new PortalClient(http, replay.url, 'some-token');
    await assert.rejects(portal.listRoles('111122223333'), (error: Error) => error instanceof AwsssoError && /HTTP 599/.test(error.message));
    assert.equal(replay.mismatches().length, 1);
    assert.match(replay.mismatches()[0]!, /^request 1: got GET \/assignment\/roles\?account_id=111122223333&max_result=100; the recording expects GET \/assignment\/accounts\?max_result=100$/);
    assert.deepEqual(replay.unconsumed(), ['GET /assignment/accounts', 'GET /assignment/accounts']);
    assert.equal((await portal.listAccounts()).length, 3);
    assert.deepEqual(replay.unconsumed(), ['GET /assignment/accounts']);
  } finally {
    await replay.close();
  }
});
