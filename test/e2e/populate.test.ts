// `awssso populate` through the built CLI against the emulator (moto vends the role credentials):
// a config file with comments, CRLF line ends, an sso-session, hand-written profiles and a `#` in a
// value keeps every byte; the generated profiles resolve through credential_process in boto3 and
// the AWS CLI v2; --dry-run changes nothing; --prune removes only what populate wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { startMoto, type RunningMoto } from '../helpers/moto.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { binRun } from '../helpers/paths.js';
import { run } from '../helpers/processes.js';
import { awsV2 } from '../aws-clients/clients.js';
import { parseIni } from '../../src/store/ini.js';

let moto: RunningMoto;
let emu: RunningEmulator;
let sb: Sandbox;
let awsEnv: NodeJS.ProcessEnv;

const ORIGINAL = [
  '# my AWS config',
  '[default]',
  'region = eu-central-1',
  '',
  '; the company SSO',
  '[sso-session corp]',
  'sso_start_url = https://d-0123456789.awsapps.com/start#/',
  'sso_region = us-east-1',
  'sso_registration_scopes = sso:account:access',
  '',
  '[profile Development.ReadOnlyAccess]',
  '# written by hand: populate must not touch it',
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = ReadOnlyAccess',
  '',
  '[profile other-tool]',
  'awssso_populated_from = someone-else',
  'output = json',
  '',
].join('\r\n');

const configText = () => readFile(sb.env.AWS_CONFIG_FILE!, 'utf8');
const signIns = () => emu.requests.filter((r) => r.op === 'SsoToken' && r.status === 200).length;

before(async () => {
  moto = await startMoto();
  emu = await startEmulator({ stsEndpoint: moto.url });
  sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
  // credential_process runs `awssso` from PATH, as for a user who installed it
  const bin = join(sb.home, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'awssso'), `#!/bin/sh\nexec ${process.execPath} ${binRun} "$@"\n`);
  await chmod(join(bin, 'awssso'), 0o755);
  sb.env.PATH = `${bin}:${process.env.PATH}`;
  const configured = await sb.configure('org', ['--account-id', '111122223333', '--role-name', 'AdministratorAccess']);
  assert.equal(configured.code, 0, configured.stderr);
  await writeFile(sb.env.AWS_CONFIG_FILE!, ORIGINAL);
  awsEnv = { ...sb.env, AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' };
});

after(async () => {
  await sb?.remove();
  await emu?.close();
  await moto?.close();
});

test('populate writes one profile per role after the untouched original bytes; a hand-written one wins', async () => {
  const done = await sb.awssso(['populate', '-p', 'org', '--region', 'eu-west-1']);
  assert.equal(done.code, 0, done.stderr);
  assert.match(done.stderr, /wrote 6 new and 0 changed profile\(s\), removed 0/);
  assert.match(done.stderr, /kept your own section\(s\), not generated: Development\.ReadOnlyAccess/);
  const text = await configText();
  assert.ok(text.startsWith(ORIGINAL), 'every original byte is where it was');
  assert.doesNotMatch(text.slice(ORIGINAL.length), /[^\r]\n/, 'the new sections use the file\'s CRLF');
  const { sections } = parseIni(text);
  const generated = [...sections.keys()].filter((s) => sections.get(s)!.get('awssso_populated_from') === 'org');
  assert.deepEqual(generated, [
    'profile Development.AdministratorAccess', 'profile Staging.AdministratorAccess', 'profile Staging.PowerUserAccess',
    'profile Staging.ReadOnlyAccess', 'profile Production.ReadOnlyAccess', 'profile Production.BillingAccess',
  ]);
  assert.equal(sections.get('profile Staging.PowerUserAccess')!.get('credential_process'), 'awssso login -p Staging.PowerUserAccess --json');
  assert.equal(sections.get('profile Staging.PowerUserAccess')!.get('region'), 'eu-west-1');

  const again = await sb.awssso(['populate', '-p', 'org', '--region', 'eu-west-1']);
  assert.match(again.stderr, /wrote 0 new and 0 changed profile\(s\), removed 0; 6 unchanged/);
  assert.equal(await configText(), text);
});

test('a generated profile resolves to the role\'s credentials in boto3 and the AWS CLI v2, on the one stored session', async () => {
  const before = signIns();
  const py = await run('python3', ['-c', [
    'import boto3, json, sys',
    's = boto3.Session(profile_name="Staging.PowerUserAccess")',
    'c = s.get_credentials()',
    'arn = s.client("sts", endpoint_url=sys.argv[1]).get_caller_identity()["Arn"]',
    'print(json.dumps({"method": c.method, "arn": arn, "region": s.region_name}))',
  ].join('\n'), moto.url], { env: awsEnv });
  assert.equal(py.code, 0, py.stderr);
  assert.deepEqual(JSON.parse(py.stdout), {
    method: 'custom-process', arn: `arn:aws:sts::444455556666:assumed-role/PowerUserAccess/${DEMO.username}`, region: 'eu-west-1',
  });
  const cli = await run(awsV2, ['sts', 'get-caller-identity', '--profile', 'Production.BillingAccess', '--endpoint-url', moto.url, '--output', 'json'], { env: awsEnv });
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout).Arn, `arn:aws:sts::777788889999:assumed-role/BillingAccess/${DEMO.username}`);
  assert.equal(signIns(), before, 'no new sign-in: the role profiles share the stored session');
});

test('--dry-run prints a unified diff and changes nothing; --prune removes only populate\'s own sections', async () => {
  const renamed = await sb.awssso(['populate', '-p', 'org', '--name', '{account_id}-{role_name}', '--region', 'eu-west-1']);
  assert.equal(renamed.code, 0, renamed.stderr);
  const beforeAws = await configText();
  const beforeAwssso = await readFile(join(sb.configDir, 'config'), 'utf8');

  const dry = await sb.awssso(['populate', '-p', 'org', '--region', 'eu-west-1', '--prune', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`^--- ${sb.env.AWS_CONFIG_FILE}\\n\\+\\+\\+ `, 'm'));
  assert.match(dry.stdout, /^-\[profile 444455556666-PowerUserAccess\]\r$/m);
  assert.match(dry.stdout, /^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
  assert.match(dry.stderr, /would write 0 new and 0 changed profile\(s\), would remove 7/);
  assert.equal(await configText(), beforeAws);
  assert.equal(await readFile(join(sb.configDir, 'config'), 'utf8'), beforeAwssso);

  const pruned = await sb.awssso(['populate', '-p', 'org', '--region', 'eu-west-1', '--prune']);
  assert.equal(pruned.code, 0, pruned.stderr);
  const after = await configText();
  assert.doesNotMatch(after, /444455556666-/);
  assert.ok(after.startsWith(ORIGINAL), 'the hand-written sections and the other tool\'s section stay');
  assert.match(after, /\[profile Staging\.PowerUserAccess\]/);
  const awssso = parseIni(await readFile(join(sb.configDir, 'config'), 'utf8')).sections;
  assert.ok(!awssso.has('444455556666-PowerUserAccess'), 'the awssso profile is pruned too');
  assert.ok(awssso.has('org') && awssso.has('Staging.PowerUserAccess'));
});

test('a bad template or region is one line, exit 2', async () => {
  const bad = await sb.awssso(['populate', '-p', 'org', '--name', '{account}']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^awssso: --name: unknown \{account\}; the template may use/);
  const region = await sb.awssso(['populate', '-p', 'org', '--region', 'Europe']);
  assert.equal(region.code, 2);
  assert.equal(region.stderr, 'awssso: --region Europe is not an AWS region (like eu-west-1)\n');
});
