// With --sts-endpoint, GetRoleCredentials hands out moto's AssumeRole credentials: moto then
// knows them as the role in that account, with the username as the session name.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMoto, type RunningMoto } from '../helpers/moto.js';
import { DEMO_USER } from './scenario.js';
import { startEmulator, type RunningEmulator } from './server.js';
import { SignInClient } from './testkit.js';

let moto: RunningMoto;
let emu: RunningEmulator;

before(async () => {
  moto = await startMoto();
  emu = await startEmulator({ stsEndpoint: moto.url });
});
after(async () => {
  await emu?.close();
  await moto?.close();
});

/** STS GetCallerIdentity as moto answers it for these credentials (moto reads, never checks, the signature). */
async function callerArn(accessKeyId: string, sessionToken: string): Promise<string> {
  const date = new Date().toISOString().replace(/[-:]/g, '').slice(0, 8);
  const res = await fetch(`${moto.url}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${date}/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0`,
      'X-Amz-Security-Token': sessionToken,
    },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  return /<Arn>([^<]+)<\/Arn>/.exec(await res.text())?.[1] ?? '';
}

test('role credentials come from moto and belong to the assumed role', async () => {
  const c = new SignInClient(emu);
  const token = await c.signIn(DEMO_USER.username, DEMO_USER.password, DEMO_USER.totpSeed);
  const r = await c.get('/federation/credentials?account_id=444455556666&role_name=PowerUserAccess', token);
  assert.equal(r.status, 200);
  const creds = r.body.roleCredentials as { accessKeyId: string; sessionToken: string; expiration: number };
  assert.match(creds.accessKeyId, /^ASIA/);
  const left = creds.expiration - Date.now();
  assert.ok(left > 3500_000 && left <= 3600_000, `an hour, in epoch ms (${left})`);
  assert.equal(await callerArn(creds.accessKeyId, creds.sessionToken),
    'arn:aws:sts::444455556666:assumed-role/PowerUserAccess/demo@example.com');
});
