// `awssso sso-login` against the emulator: a PKCE authorization approved over HTTP leaves the
// token file (docs/protocol.md §8) that botocore and the JS SDK's fromSSO use on their own, and
// refresh through its refresh token inside their refresh windows; awssso keeps reading the file
// after they rewrote it. Where /authorize is not served, the device flow is approved instead.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import type { RunningEmulator, Scenario } from '../emulator/server.js';
import { configuredSandbox, withConfiguredSandbox, type Sandbox } from '../helpers/cli.js';
import { botocore } from './clients.js';
import { account, role, sessionTag } from './setup.js';
import type { SsoTokenCache } from './aws-home.js';
import { cacheTimestamp } from './aws-home.js';

const PROFILE = 'Development.ReadOnlyAccess';
const USER_CONFIG = '# my settings\n[profile other]\nregion = eu-west-1 # keep\n';

const configured = (scenario?: Scenario) => configuredSandbox({ scenario, accountId: account, roleName: role });

const tokenFile = (sb: Sandbox) => join(sb.home, '.aws', 'sso', 'cache', `${createHash('sha1').update('dev').digest('hex')}.json`);
const readToken = async (sb: Sandbox) => JSON.parse(await readFile(tokenFile(sb), 'utf8')) as SsoTokenCache;
/** Moves the token's expiry to `msFromNow`, as time passing would. */
async function ageToken(sb: Sandbox, msFromNow: number): Promise<void> {
  await writeFile(tokenFile(sb), JSON.stringify({ ...(await readToken(sb)), expiresAt: cacheTimestamp(Date.now() + msFromNow) }), { mode: 0o600 });
}
const opsSince = (emu: RunningEmulator, mark: number) => emu.requests.slice(mark).map((e) => `${e.op} ${e.status}`);

describe('awssso sso-login: a token file for AWS CLI v2 and the SDKs', () => {
  let emu: RunningEmulator;
  let sb: Sandbox;
  before(async () => {
    ({ emu, sb } = await configured());
    await writeFile(join(sb.home, '.aws', 'config'), USER_CONFIG);
  });
  after(async () => {
    await sb?.remove();
    await emu?.close();
  });

  it('approves its own PKCE request over HTTP and writes the token file and the config sections', async () => {
    const mark = emu.requests.length;
    const exit = await sb.awssso(['sso-login', '-p', 'dev', '--config', '--profiles']);
    assert.equal(exit.code, 0, exit.stderr);
    assert.match(exit.stderr, /sso-session dev: wrote a new token to .*\.json, valid until/);
    assert.deepEqual(opsSince(emu, mark).filter((op) => !/^List/.test(op)), [
      'RegisterClient 200', 'Authorize 302', 'AuthenticationResult 200', 'Authorize 302', 'AssociateToken 200', 'Authorize 302', 'CreateToken 200',
    ]);

    assert.equal((await stat(tokenFile(sb))).mode & 0o777, 0o600);
    const token = await readToken(sb);
    assert.deepEqual(Object.keys(token).sort(),
      ['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl']);
    assert.equal(token.startUrl, emu.startUrl);
    assert.match(token.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(token.registrationExpiresAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const config = await readFile(join(sb.home, '.aws', 'config'), 'utf8');
    assert.ok(config.startsWith(USER_CONFIG), 'what the user wrote stays byte for byte');
    assert.match(config, new RegExp(`\\[sso-session dev\\]\\nsso_start_url = ${emu.startUrl}\\nsso_region = us-east-1\\nsso_registration_scopes = sso:account:access\\n`));
    assert.match(config, /\[profile Development\.ReadOnlyAccess\]\nsso_session = dev\nsso_account_id = 111122223333\nsso_role_name = ReadOnlyAccess\n/);
    assert.equal(config.match(/^\[profile /gm)?.length, 1 + 7, 'the user\'s profile and one per role of the demo directory');
  });

  it('botocore gets role credentials from the token file alone', async () => {
    const answer = await botocore(sb.env, { action: 'credentials', profile: PROFILE });
    assert.equal(answer.error, undefined, answer.error?.message);
    assert.match(answer.credentials!.accessKeyId, /^ASIA/);
    assert.equal(emu.requests.at(-1)?.session, sessionTag((await readToken(sb)).accessToken));
  });

  it('botocore refreshes it inside its 15-minute window; awssso then reads the file botocore wrote', async () => {
    await ageToken(sb, 5 * 60_000);
    const old = await readToken(sb);
    const mark = emu.requests.length;
    const answer = await botocore(sb.env, { action: 'credentials', profile: PROFILE });
    assert.equal(answer.error, undefined, answer.error?.message);
    assert.deepEqual(opsSince(emu, mark), ['CreateToken 200', 'GetRoleCredentials 200']);
    const rewritten = await readToken(sb);
    assert.notEqual(rewritten.accessToken, old.accessToken);
    assert.notEqual(rewritten.refreshToken, old.refreshToken, 'the emulator rotates refresh tokens');

    const mark2 = emu.requests.length;
    const exit = await sb.awssso(['sso-login', '-p', 'dev']);
    assert.equal(exit.code, 0, exit.stderr);
    assert.match(exit.stderr, /kept the token/);
    assert.deepEqual(opsSince(emu, mark2), [], 'a good token is kept without a request');
  });

  it('the JS SDK\'s fromSSO refreshes it inside its 5-minute window', async () => {
    await ageToken(sb, 4 * 60_000);
    const old = await readToken(sb);
    const saved = { ...process.env };
    const mark = emu.requests.length;
    try {
      for (const name of Object.keys(process.env)) delete process.env[name];
      Object.assign(process.env, sb.env);
      const creds = await fromSSO({ profile: PROFILE })();
      assert.match(creds.accessKeyId, /^ASIA/);
    } finally {
      for (const name of Object.keys(process.env)) delete process.env[name];
      Object.assign(process.env, saved);
    }
    assert.deepEqual(opsSince(emu, mark), ['CreateToken 200', 'GetRoleCredentials 200']);
    assert.notEqual((await readToken(sb)).accessToken, old.accessToken);
  });

  it('awssso refreshes an expired token itself, and --force approves anew with the cached registration', async () => {
    await ageToken(sb, -60_000);
    const mark = emu.requests.length;
    const refreshed = await sb.awssso(['sso-login', '-p', 'dev']);
    assert.equal(refreshed.code, 0, refreshed.stderr);
    assert.match(refreshed.stderr, /refreshed the token/);
    assert.deepEqual(opsSince(emu, mark), ['CreateToken 200']);

    const mark2 = emu.requests.length;
    const forced = await sb.awssso(['sso-login', '-p', 'dev', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(!opsSince(emu, mark2).includes('RegisterClient 200'), 'the registration is reused');
    assert.ok(opsSince(emu, mark2).includes('AssociateToken 200'));
  });
});

describe('awssso sso-login refusals', () => {
  const s = withConfiguredSandbox({ accountId: account, roleName: role });

  it('a token file of another start URL under the same sso-session name is left alone: one line naming --sso-session', async () => {
    const { emu, sb } = s;
    const other = join(sb.home, '.aws', 'sso', 'cache', `${createHash('sha1').update('shared').digest('hex')}.json`);
    const theirs = JSON.stringify({ startUrl: 'https://d-9999999999.awsapps.com/start', region: 'eu-west-1', accessToken: 'x', expiresAt: '2030-01-01T00:00:00Z' });
    await mkdir(dirname(other), { recursive: true });
    await writeFile(other, theirs, { mode: 0o600 });
    const mark = emu.requests.length;
    const exit = await sb.awssso(['sso-login', '-p', 'dev', '--sso-session', 'shared']);
    assert.equal(exit.code, 5);
    assert.deepEqual(exit.stderr.trim().split('\n'), [
      `awssso: sso-session shared belongs to https://d-9999999999.awsapps.com/start, not profile dev's ${emu.startUrl}; use --sso-session with another name`,
    ]);
    assert.equal(await readFile(other, 'utf8'), theirs);
    assert.equal(emu.requests.length, mark);
  });

  it('an unknown profile: one line, exit 3', async () => {
    const { sb } = s;
    const exit = await sb.awssso(['sso-login', '-p', 'nope']);
    assert.equal(exit.code, 3);
    assert.equal(exit.stderr.trim().split('\n').length, 1);
  });
});

describe('awssso sso-login where the OIDC endpoint serves no /authorize', () => {
  const s = withConfiguredSandbox({ scenario: { approval: { pkce: false } }, accountId: account, roleName: role });

  it('approves a device code of its own instead, and botocore uses the token', async () => {
    const { emu, sb } = s;
    const mark = emu.requests.length;
    const exit = await sb.awssso(['sso-login', '-p', 'dev', '--config']);
    assert.equal(exit.code, 0, exit.stderr);
    assert.match(exit.stderr, /wrote a new token \(device flow\)/);
    const seen = opsSince(emu, mark);
    for (const op of ['Authorize 404', 'StartDeviceAuthorization 200', 'AcceptUserCode 200', 'AssociateToken 200', 'CreateToken 200']) {
      assert.ok(seen.includes(op), `${op} in ${seen.join(', ')}`);
    }
    await writeFile(join(sb.home, '.aws', 'config'), `${await readFile(join(sb.home, '.aws', 'config'), 'utf8')}[profile dev]\nsso_session = dev\nsso_account_id = ${account}\nsso_role_name = ${role}\n`);
    const answer = await botocore(sb.env, { action: 'credentials', profile: 'dev' });
    assert.equal(answer.error, undefined, answer.error?.message);
    assert.match(answer.credentials!.accessKeyId, /^ASIA/);
  });
});
