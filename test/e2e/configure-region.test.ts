// configure proposes the region the start URL's redirects name, and refuses a region that is not
// one. The portal API is the emulator; the start URL is a small loopback server that redirects as
// an awsapps.com portal does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { startLoopback, type Loopback } from '../http/loopback.js';

let emu: RunningEmulator;
let start: Loopback;
let sb: Sandbox;

before(async () => {
  emu = await startEmulator();
  start = await startLoopback((_req, res) => res.writeHead(302, { location: 'https://eu-west-2.signin.aws/platform/d-0123456789/login?workflowStateHandle=x' }).end());
  sb = await sandbox(emu);
});

after(async () => {
  await sb?.remove();
  await start?.close();
  await emu?.close();
});

const secrets = { AWSSSO_PASSWORD: DEMO.password, AWSSSO_TOTP_SEED: DEMO.seed, AWSSSO_SECRET_STORE: 'file' };

test('without --region, configure takes the region the start URL redirects to', async () => {
  const done = await sb.awssso(['configure', '-p', 'found', '--url', `${start.origin}/start`, '--username', DEMO.username,
    '--account-id', '111122223333', '--role-name', 'ReadOnlyAccess'], { env: { ...secrets, AWS_DEFAULT_REGION: 'ap-south-1' } });
  assert.equal(done.code, 0, done.stderr);
  assert.match(await readFile(join(sb.configDir, 'config'), 'utf8'), /\[found\][^[]*region = eu-west-2/);
});

test('a region that is not one is refused in one line', async () => {
  const bad = await sb.awssso(['configure', '-p', 'bad', '--url', emu.startUrl, '--region', 'Europe', '--username', DEMO.username], { env: secrets });
  assert.equal(bad.code, 3);
  assert.equal(bad.stderr, 'awssso: Europe is not an AWS region (like eu-west-1)\n');
});
