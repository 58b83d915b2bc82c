// The headless `aws sso login` of issue 11: AWS CLI v2 2.9.19 runs its device flow against the
// emulator with its output piped into `awssso approve --from-stdin`, and completes with no other
// input; the SSO profile then gets role credentials (moto as STS) through the token it cached.
// How 2.9.19 is pointed at the emulator: see awscli-v2.test.ts (AWS_DATA_PATH rule sets).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { startMoto, type RunningMoto } from '../helpers/moto.js';
import { binRun } from '../helpers/paths.js';
import { run } from '../helpers/processes.js';
import { awsV2, loopbackRuleSets } from './clients.js';
import { account, ops, role } from './setup.js';

/** `aws sso login --no-browser --profile dev | awssso approve --from-stdin -p dev`, in a shell as a user types it. */
const HEADLESS_LOGIN = `"${awsV2}" sso login --no-browser --profile dev | "${process.execPath}" "${binRun}" approve --from-stdin -p dev`;

export async function awsConfigFor(sb: Sandbox, emu: RunningEmulator): Promise<NodeJS.ProcessEnv> {
  await writeFile(join(sb.home, '.aws', 'config'), [
    '[sso-session emulator]', `sso_start_url = ${emu.startUrl}`, `sso_region = ${emu.region}`, 'sso_registration_scopes = sso:account:access', '',
    '[profile dev]', 'sso_session = emulator', `sso_account_id = ${account}`, `sso_role_name = ${role}`, `region = ${emu.region}`, '',
  ].join('\n'));
  return { ...sb.env, AWS_DATA_PATH: await loopbackRuleSets(join(sb.home, 'models'), emu.url), AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' };
}

describe('aws sso login --no-browser | awssso approve --from-stdin', () => {
  let moto: RunningMoto;
  let emu: RunningEmulator;
  let sb: Sandbox;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    moto = await startMoto();
    emu = await startEmulator({ stsEndpoint: moto.url });
    sb = await sandbox(emu);
    const configured = await sb.configure('dev', ['--account-id', account, '--role-name', role]);
    assert.equal(configured.code, 0, configured.stderr);
    env = await awsConfigFor(sb, emu);
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
