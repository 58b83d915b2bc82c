// awscli v1 (python3 -m awscli) with an SSO profile whose role credentials the emulator gets
// from a real moto_server STS: `aws sts get-caller-identity` must name the assumed role.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startMoto, type RunningMoto } from '../helpers/moto.js';
import { demoUser } from '../helpers/portal-session.js';
import { awsV1 } from './clients.js';
import { account, cachePortalSession, ops, profile, role, setUp, tearDown, type Setup } from './setup.js';

describe('awscli v1 with an SSO profile, STS on moto_server', () => {
  let moto: RunningMoto;
  let s: Setup;
  before(async () => {
    moto = await startMoto();
    s = await setUp({ stsEndpoint: moto.url });
  });
  after(async () => {
    await tearDown(s);
    await moto?.close();
  });

  it('moto alone: AssumeRole credentials are known to get-caller-identity', async () => {
    const admin = s.home.env({ AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1' });
    const assumed = await awsV1(admin, [
      'sts', 'assume-role', '--role-arn', `arn:aws:iam::${account}:role/${role}`, '--role-session-name', 'baseline',
      '--endpoint-url', moto.url, '--output', 'json',
    ]);
    assert.equal(assumed.code, 0, assumed.stderr);
    const creds = (JSON.parse(assumed.stdout) as { Credentials: Record<string, string> }).Credentials;
    const caller = await awsV1(
      s.home.env({
        AWS_ACCESS_KEY_ID: creds.AccessKeyId!,
        AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey!,
        AWS_SESSION_TOKEN: creds.SessionToken!,
        AWS_DEFAULT_REGION: 'us-east-1',
      }),
      ['sts', 'get-caller-identity', '--endpoint-url', moto.url, '--output', 'json'],
    );
    assert.equal(caller.code, 0, caller.stderr);
    assert.equal((JSON.parse(caller.stdout) as { Arn: string }).Arn, `arn:aws:sts::${account}:assumed-role/${role}/baseline`);
  });

  it('sts get-caller-identity --profile dev returns the assumed role of the SSO credentials', async () => {
    await cachePortalSession(s);
    const caller = await awsV1(s.env, ['sts', 'get-caller-identity', '--profile', profile, '--endpoint-url', moto.url, '--output', 'json']);

    assert.equal(caller.code, 0, caller.stderr);
    const identity = JSON.parse(caller.stdout) as { Account: string; Arn: string };
    assert.equal(identity.Account, account);
    // The role session is named after the signed-in user, as the real portal does.
    assert.equal(identity.Arn, `arn:aws:sts::${account}:assumed-role/${role}/${demoUser.username}`);
    assert.deepEqual(ops(s.emu, 'GetRoleCredentials').map((entry) => entry.status), [200]);
  });
});
