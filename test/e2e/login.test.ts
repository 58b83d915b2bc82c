// configure, then login with every output, against the emulator, through the built CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, DEMO, type Sandbox } from '../helpers/cli.js';
import { run } from '../helpers/processes.js';

const ACCOUNT = '111122223333';
const ROLE = 'ReadOnlyAccess';
let emu: RunningEmulator;
let sb: Sandbox;

const count = (op: string, from = 0) => emu.requests.slice(from).filter((r) => r.op === op && r.status === 200).length;
const signIns = (from = 0) => count('SsoToken', from);
const mfaAsked = (from = 0) => emu.requests.slice(from).filter((r) => r.op === 'SignInStep' && r.step === 'get-mfa').length;

before(async () => {
  emu = await startEmulator();
  sb = await sandbox(emu);
  const configured = await sb.configure('dev', ['--account-id', ACCOUNT, '--role-name', ROLE, '-a', 'team.dev']);
  assert.equal(configured.code, 0, configured.stderr);
});

after(async () => {
  await sb?.remove();
  await emu?.close();
});

test('configure signed in once over HTTP, with a TOTP code from the stored seed, and saved the profile', async () => {
  assert.equal(signIns(), 1);
  assert.equal(mfaAsked(), 1);
  const config = await readFile(join(sb.configDir, 'config'), 'utf8');
  assert.match(config, /\[dev\]/);
  assert.match(config, new RegExp(`account_id *= *${ACCOUNT}`));
  assert.match(config, new RegExp(`role_name *= *${ROLE}`));
  assert.match(config, /aws_profile *= *team\.dev/);
});

test('login --json prints credential_process JSON; a second call makes no request at all', async () => {
  const mark = emu.requests.length;
  const first = await sb.awssso(['login', '-p', 'dev', '--json']);
  assert.equal(first.code, 0, first.stderr);
  const creds = JSON.parse(first.stdout);
  assert.equal(creds.Version, 1);
  assert.match(creds.AccessKeyId, /^ASIA/);
  assert.match(creds.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(signIns(mark), 0, 'the stored portal session is reused');
  assert.equal(count('GetRoleCredentials', mark), 1);

  const mark2 = emu.requests.length;
  const second = await sb.awssso(['login', '-p', 'dev', '--json']);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout, first.stdout);
  assert.equal(emu.requests.length, mark2, 'no sign-in and no portal call');
});

test('login writes the credentials file section that botocore reads, keeping every other byte', async () => {
  const file = sb.env.AWS_SHARED_CREDENTIALS_FILE!;
  const before = [
    '# my credentials, hand-written',
    '[default]',
    'aws_access_key_id = AKIAKEEPME',
    'aws_secret_access_key = keep/me#not-a-comment',
    '',
    '; the dotted profile comes next',
    '[team.dev]',
    'region = eu-west-1',
    'aws_access_key_id = OLD',
    '',
    '[other]',
    'aws_access_key_id=AKIAOTHER',
    'aws_secret_access_key=other',
  ].join('\n') + '\n';
  await writeFile(file, before, { mode: 0o600 });
  const res = await sb.awssso(['login', '-p', 'dev']);
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stdout, '', 'nothing on stdout when writing the file');
  const after = await readFile(file, 'utf8');
  const json = JSON.parse((await sb.awssso(['login', '-p', 'dev', '--json'])).stdout);
  const expectedSection = [
    '[team.dev]',
    'region = eu-west-1',
    `aws_access_key_id = ${json.AccessKeyId}`,
    `aws_secret_access_key = ${json.SecretAccessKey}`,
    `aws_session_token = ${json.SessionToken}`,
  ].join('\n');
  assert.equal(after, before.replace('[team.dev]\nregion = eu-west-1\naws_access_key_id = OLD', expectedSection));

  const py = await run('python3', ['-c', [
    'import botocore.session, sys',
    's = botocore.session.Session(profile="team.dev")',
    'c = s.get_credentials()',
    'print(c.access_key, c.token == sys.argv[1])',
  ].join('\n'), json.SessionToken], { env: sb.env });
  assert.equal(py.code, 0, py.stderr);
  assert.equal(py.stdout.trim(), `${json.AccessKeyId} True`);
});

test('login -e prints export lines for bash, fish and PowerShell that carry the same credentials', async () => {
  const json = JSON.parse((await sb.awssso(['login', '-p', 'dev', '--json'])).stdout);
  const bash = await sb.awssso(['login', '-p', 'dev', '-e']);
  assert.equal(bash.code, 0, bash.stderr);
  const sh = await run('bash', ['-c', `${bash.stdout}\necho "$AWS_ACCESS_KEY_ID $AWS_SESSION_TOKEN"`]);
  assert.equal(sh.stdout.trim(), `${json.AccessKeyId} ${json.SessionToken}`);
  const fish = await sb.awssso(['login', '-p', 'dev', '-e', '--format', 'fish']);
  assert.match(fish.stdout, new RegExp(`^set -gx AWS_ACCESS_KEY_ID '${json.AccessKeyId}'$`, 'm'));
  const ps = await sb.awssso(['login', '-p', 'dev', '-e', '--format', 'powershell']);
  assert.match(ps.stdout, new RegExp(`^\\$Env:AWS_SECRET_ACCESS_KEY = '${json.SecretAccessKey.replace(/[+/]/g, '\\$&')}'$`, 'm'));
});

test('login -c prints a console sign-in URL from the federation endpoint', async () => {
  const mark = emu.requests.length;
  const res = await sb.awssso(['login', '-p', 'dev', '-c', '-d', '3600']);
  assert.equal(res.code, 0, res.stderr);
  const url = new URL(res.stdout.trim());
  assert.equal(url.origin + url.pathname, `${emu.url}/federation`);
  assert.equal(url.searchParams.get('Action'), 'login');
  assert.ok(url.searchParams.get('SigninToken'));
  assert.equal(url.searchParams.get('Issuer'), emu.startUrl);
  assert.equal(count('GetSigninToken', mark), 1);
});

test('login -c -b opens the URL through a 0600 forwarding file, so the sign-in token is not in argv', async () => {
  // No desktop browser runs here: a stand-in xdg-open records what it was given.
  const bin = join(sb.home, 'bin');
  await mkdir(bin, { recursive: true });
  const seen = join(sb.home, 'opened.txt');
  await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\n{ echo "ARGV $*"; stat -c %a "$1"; cat "$1"; } > "${seen}"\n`, { mode: 0o755 });
  const res = await sb.awssso(['login', '-p', 'dev', '-c', '-b'], { env: { PATH: `${bin}:${process.env.PATH}` } });
  assert.equal(res.code, 0, res.stderr);
  const url = res.stdout.trim();
  const [argvLine, mode, ...page] = (await readFile(seen, 'utf8')).split('\n');
  assert.doesNotMatch(argvLine!, /SigninToken/);
  assert.equal(mode, '600');
  assert.ok(page.join('\n').includes(url.replaceAll('&', '&amp;')), 'the page forwards to the printed URL');
  const file = argvLine!.replace(/^ARGV /, '');
  assert.equal(existsSync(file), false, 'the forwarding file is removed afterwards');
});

test('-r fetches new role credentials without signing in; -f signs in again, skipping MFA on the trusted device', async () => {
  const old = JSON.parse((await sb.awssso(['login', '-p', 'dev', '--json'])).stdout);
  let mark = emu.requests.length;
  const renewed = await sb.awssso(['login', '-p', 'dev', '--json', '-r']);
  assert.equal(renewed.code, 0, renewed.stderr);
  assert.notEqual(JSON.parse(renewed.stdout).AccessKeyId, old.AccessKeyId);
  assert.equal(count('GetRoleCredentials', mark), 1);
  assert.equal(signIns(mark), 0);

  mark = emu.requests.length;
  const forced = await sb.awssso(['login', '-p', 'dev', '--json', '-f']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(signIns(mark), 1);
  assert.equal(mfaAsked(mark), 0, 'the trusted-device cookie from the first sign-in skips MFA');
});

test('a profile written by the Python awssso (instance_id, profile_id) is migrated on first use', async () => {
  const instances = emu.requests.length;
  const res0 = await sb.awssso(['login', '-p', 'dev', '--json']);
  assert.equal(res0.code, 0);
  const configPath = join(sb.configDir, 'config');
  const seedIds = await seedEraIds();
  const config = await readFile(configPath, 'utf8');
  await writeFile(configPath, `${config}\n[legacy]\nurl = ${emu.startUrl}#/\nregion = ${emu.region}\nusername = ${DEMO.username}\naws_profile = legacy\ninstance_id = ${seedIds.instanceId}\nprofile_id = ${seedIds.profileId}\n`);
  const res = await sb.awssso(['login', '-p', 'legacy', '--json']);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stderr, /profile legacy: replaced the Python awssso's instance_id\/profile_id by account_id 444455556666 and role_name PowerUserAccess/);
  const migrated = await readFile(configPath, 'utf8');
  assert.match(migrated, /\[legacy\][^[]*account_id = 444455556666/);
  assert.doesNotMatch(migrated, /instance_id/);
  assert.ok(emu.requests.length > instances);
});

/** The app-instance and profile ids the portal lists for Staging / PowerUserAccess. */
async function seedEraIds(): Promise<{ instanceId: string; profileId: string }> {
  const { signInToEmulator } = await import('../helpers/portal-session.js');
  const token = await signInToEmulator(emu);
  const headers = { 'x-amz-sso_bearer_token': token };
  const apps = (await (await fetch(`${emu.url}/instance/appinstances`, { headers })).json()) as { result: { id: string; searchMetadata: { AccountId: string } }[] };
  const app = apps.result.find((a) => a.searchMetadata.AccountId === '444455556666')!;
  const profiles = (await (await fetch(`${emu.url}/instance/appinstance/${app.id}/profiles`, { headers })).json()) as { result: { id: string; name: string }[] };
  return { instanceId: app.id, profileId: profiles.result.find((p) => p.name === 'PowerUserAccess')!.id };
}
