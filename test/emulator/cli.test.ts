// `npm run emulator` as another process starts it: one JSON line when listening, a request
// log file of JSON lines, and a one-line error for a bad scenario.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

const cli = join(repoRoot, 'dist', 'test', 'emulator', 'cli.js');
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('prints {url,startUrl,region,directoryId} once listening and logs each request as a JSON line', async () => {
  const scenario = join(dir, 'scenario.json');
  const log = join(dir, 'requests.jsonl');
  writeFileSync(scenario, JSON.stringify({ region: 'eu-west-1', directoryId: 'd-abcdef0123', accounts: 1 }));
  const child = spawn(process.execPath, [cli, '--port', '0', '--scenario', scenario, '--request-log', log], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const ready = JSON.parse(line) as Record<string, string>;
    assert.match(ready.url!, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(ready, { url: ready.url, startUrl: `${ready.url}/start`, region: 'eu-west-1', directoryId: 'd-abcdef0123' });

    const r = await fetch(`${ready.url}/login?directory_id=d-abcdef0123&redirect_url=${encodeURIComponent(ready.startUrl!)}`);
    assert.match(((await r.json()) as { redirectUrl: string }).redirectUrl, /\/platform\/d-abcdef0123\/login\?workflowStateHandle=/);
    const entry = JSON.parse(readFileSync(log, 'utf8').trim()) as Record<string, unknown>;
    assert.deepEqual({ ...entry, time: undefined }, { time: undefined, method: 'GET', path: '/login', status: 200, op: 'PortalLogin' });
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

test('a bad scenario file stops it with one line on stderr', async () => {
  const scenario = join(dir, 'bad.json');
  writeFileSync(scenario, '{"challenge":"riddle"}');
  const child = spawn(process.execPath, [cli, '--scenario', scenario], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  assert.equal(code, 2);
  assert.equal(err, `emulator: ${scenario}: scenario.challenge must be one of none, captcha, image-captcha, unknown-step\n`);
});
