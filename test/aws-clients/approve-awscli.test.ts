// The headless `aws sso login` of issue 11: AWS CLI v2 2.9.19 runs its device flow against the
// emulator with its output piped into `awssso approve --from-stdin`, and completes with no other
// input; the SSO profile then gets role credentials (moto as STS) through the token it cached.
// How 2.9.19 is pointed at the emulator: see awscli-v2.test.ts (AWS_DATA_PATH rule sets).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../emulator/server.js';
import { configuredSandbox, DEMO, withConfiguredSandbox, type Sandbox } from '../helpers/cli.js';
import { startMoto, type RunningMoto } from '../helpers/moto.js';
import { run } from '../helpers/processes.js';
import { awsCliEnv, awsV2, HEADLESS_LOGIN } from './clients.js';
import { account, ops, role } from './setup.js';

describe('aws sso login --no-browser | awssso approve --from-stdin', () => {
  let moto: RunningMoto;
  let emu: RunningEmulator;
  let sb: Sandbox;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    moto = await startMoto();
    ({ emu, sb } = await configuredSandbox({ stsEndpoint: moto.url, accountId: account, roleName: role }));
    env = await awsCliEnv(sb, emu, { accountId: account, roleName: role });
  });
  after(async () => {
    await sb?.remove();
    await emu?.close();
    await moto?.close();
  });

  it('completes the CLI\'s login with no other input; the SSO profile then returns the assumed role', async () => {
    const mark = emu.requests.length;
    const login = await run('sh', ['-c', HEADLESS_LOGIN], { env, timeoutMs: 90_000 });
    assert.equal(login.code, 0, login.stderr);
    // the CLI's own lines come through, its success last
    assert.match(login.stdout, /Then enter the code:/);
    assert.match(login.stdout, new RegExp(`Successfully logged into Start URL: ${emu.startUrl}`));
    // what was approved was shown before it was
    assert.match(login.stderr, /asks for botocore-client-emulator \(client [^)]+\) with scopes sso:account:access, as demo@example\.com/);
    assert.match(login.stderr, /approved user code [A-Z]{4}-[A-Z]{4}/);
    const approvals = emu.requests.slice(mark).filter((e) => e.op === 'AcceptUserCode' || e.op === 'AssociateToken');
    assert.deepEqual(approvals.map((e) => [e.op, e.status, e.user]), [['AcceptUserCode', 200, DEMO.username], ['AssociateToken', 200, DEMO.username]]);
    assert.equal(ops(emu, 'SsoToken').length, 1, 'the session configure stored was used; no new sign-in');

    const caller = await run(awsV2, ['sts', 'get-caller-identity', '--profile', 'dev', '--endpoint-url', moto.url, '--output', 'json'], { env, timeoutMs: 60_000 });
    assert.equal(caller.code, 0, caller.stderr);
    assert.equal((JSON.parse(caller.stdout) as { Arn: string }).Arn, `arn:aws:sts::${account}:assumed-role/${role}/${DEMO.username}`);
  });
});

describe('the same with the 2026 device page, which carries no code', () => {
  const s = withConfiguredSandbox({ scenario: { approval: { devicePage: 'platform' } }, accountId: account, roleName: role });

  it('approves the code printed beside the /platform/authorize?request_uri= URL', async () => {
    const { emu, sb } = s;
    const login = await run('sh', ['-c', HEADLESS_LOGIN], { env: await awsCliEnv(sb, emu, { accountId: account, roleName: role }), timeoutMs: 90_000 });
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /\/platform\/authorize\?request_uri=/);
    assert.match(login.stdout, /Successfully logged into Start URL/);
    assert.deepEqual(ops(emu, 'AssociateToken').map((e) => e.status), [200]);
  });
});
