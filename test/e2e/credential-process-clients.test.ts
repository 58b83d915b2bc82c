// The AWS tools themselves running `awssso login --json` as their credential_process, with the
// emulator vending real moto STS credentials: awscli v1, boto3 and the JS SDK's fromProcess each
// get credentials that moto's get-caller-identity knows as the assumed role; and when a person
// is needed, the AWS CLI shows our one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { startMoto, type RunningMoto } from '../helpers/moto.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { binRun, repoRoot } from '../helpers/paths.js';
import { run } from '../helpers/processes.js';
import { awsV1 } from '../aws-clients/clients.js';
import { openSecretStore } from '../../src/store/secrets.js';
import { secretName } from '../../src/store/secret-store.js';

const ACCOUNT = '111122223333';
const ROLE = 'ReadOnlyAccess';
const ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE}/${DEMO.username}`;

let moto: RunningMoto;
let emu: RunningEmulator;
let sb: Sandbox;
/** The sandbox's environment for an AWS tool: no instance metadata, no pager. */
let awsEnv: NodeJS.ProcessEnv;

const grc = () => emu.requests.filter((r) => r.op === 'GetRoleCredentials' && r.status === 200).length;

before(async () => {
  moto = await startMoto();
  emu = await startEmulator({ stsEndpoint: moto.url });
  sb = await sandbox(emu);
  const configured = await sb.configure('dev', ['--account-id', ACCOUNT, '--role-name', ROLE]);
  assert.equal(configured.code, 0, configured.stderr);
  await writeFile(sb.env.AWS_CONFIG_FILE!, [
    '[profile dev]',
    `credential_process = ${process.execPath} ${binRun} login -p dev --json`,
    'region = us-east-1',
    '',
  ].join('\n'));
  awsEnv = { ...sb.env, AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' };
});

after(async () => {
  await sb?.remove();
  await emu?.close();
  await moto?.close();
});

test('awscli v1: sts get-caller-identity through credential_process names the assumed role', async () => {
  const before = grc();
  const caller = await awsV1(awsEnv, ['sts', 'get-caller-identity', '--profile', 'dev', '--endpoint-url', moto.url, '--output', 'json']);
  assert.equal(caller.code, 0, caller.stderr);
  assert.equal(JSON.parse(caller.stdout).Arn, ARN);
  assert.equal(JSON.parse(caller.stdout).Account, ACCOUNT);
  assert.equal(grc() - before, 1, 'the first call fetched the role credentials');

  // The second call is a cache hit: no request to the portal.
  const again = await awsV1(awsEnv, ['sts', 'get-caller-identity', '--profile', 'dev', '--endpoint-url', moto.url, '--output', 'json']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).Arn, ARN);
  assert.equal(grc() - before, 1);
});

test('boto3: the profile resolves through credential_process to the cached credentials of the role', async () => {
  const ours = JSON.parse((await sb.awssso(['login', '-p', 'dev', '--json'])).stdout);
  const py = await run('python3', ['-c', [
    'import boto3, json, sys',
    's = boto3.Session(profile_name="dev")',
    'c = s.get_credentials()',
    'arn = s.client("sts", endpoint_url=sys.argv[1]).get_caller_identity()["Arn"]',
    'print(json.dumps({"method": c.method, "key": c.access_key, "arn": arn}))',
  ].join('\n'), moto.url], { env: awsEnv });
  assert.equal(py.code, 0, py.stderr);
  assert.deepEqual(JSON.parse(py.stdout), { method: 'custom-process', key: ours.AccessKeyId, arn: ARN });
});

test('the JS SDK: fromProcess gets the credentials and @aws-sdk/client-sts is known as the assumed role', async () => {
  const ours = JSON.parse((await sb.awssso(['login', '-p', 'dev', '--json'])).stdout);
  const js = await run(process.execPath, ['--input-type=module', '-e', `
    const { fromProcess } = await import('@aws-sdk/credential-providers');
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const credentials = fromProcess({ profile: 'dev' });
    const { accessKeyId, expiration } = await credentials();
    const sts = new STSClient({ region: 'us-east-1', endpoint: process.env.MOTO_URL, credentials });
    const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
    console.log(JSON.stringify({ accessKeyId, expiration: expiration.toISOString(), arn: Arn }));
  `], { env: { ...awsEnv, MOTO_URL: moto.url }, cwd: repoRoot });
  assert.equal(js.code, 0, js.stderr);
  const got = JSON.parse(js.stdout);
  assert.equal(got.accessKeyId, ours.AccessKeyId);
  assert.equal(got.expiration.replace(/\.\d{3}Z$/, 'Z'), ours.Expiration);
  assert.equal(got.arn, ARN);
});

test('an expired session with no stored password: the AWS CLI shows our one line and fails', async () => {
  // A config dir with the config and the secret file, less the password; then the portal forgets
  // every session, so the stored one is refused and a sign-in is needed.
  const dir = join(sb.home, 'no-password');
  await mkdir(dir, { mode: 0o700 });
  await copyFile(join(sb.configDir, 'config'), join(dir, 'config'));
  await copyFile(join(sb.configDir, 'secrets.enc'), join(dir, 'secrets.enc'));
  const env = { ...awsEnv, AWSSSO_CONFIG_DIR: dir, AWSSSO_SECRET_STORE: 'file' };
  const secrets = await openSecretStore({ warn: () => {}, env });
  assert.ok(await secrets.get(secretName('portal-session', DEMO.username, emu.startUrl)), 'a session is stored');
  await secrets.delete(secretName('password', DEMO.username, emu.startUrl));
  emu.revokeSessions();

  const caller = await awsV1(env, ['sts', 'get-caller-identity', '--profile', 'dev', '--endpoint-url', moto.url, '--output', 'json']);
  assert.notEqual(caller.code, 0);
  assert.equal(caller.stdout, '');
  assert.ok(
    caller.stderr.includes(`awssso: no password is stored for ${DEMO.username}: run \`awssso login -p dev\` in a terminal`),
    caller.stderr,
  );
});
