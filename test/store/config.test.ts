import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { canonicalStartUrl, listProfiles, readProfile } from '../../src/store/config-read.js';
import { saveLegacyMigration, writeProfile } from '../../src/store/config-write.js';
import { runPython, tempDir } from './support.js';

function configAt(t: Parameters<typeof tempDir>[0], text?: string) {
  const dir = join(tempDir(t), 'awssso');
  const env = { AWSSSO_CONFIG_DIR: dir };
  const path = join(dir, 'config');
  if (text !== undefined) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
  }
  return { env, path };
}

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail('no error');
};

test('config errors are one line that says what to do', (t) => {
  const missing = configAt(t);
  assert.equal(message(() => readProfile('default', missing.env)), `no awssso configuration at ${missing.path}: run \`awssso configure\``);

  const two = configAt(t, '[default]\nurl = https://a.awsapps.com/start\nregion = eu-west-1\n\n[team.dev]\nregion = us-east-1\n');
  assert.equal(
    message(() => readProfile('prod', two.env)),
    `no profile "prod" in ${two.path} (known profiles: default, team.dev): run \`awssso configure -p prod\``,
  );
  assert.equal(message(() => readProfile('default', two.env)), `profile "default" in ${two.path} has no username: run \`awssso configure -p default\``);
  assert.equal(message(() => readProfile('team.dev', two.env)), `profile "team.dev" in ${two.path} has no url: run \`awssso configure -p team.dev\``);

  const bad = configAt(t, '# mine\n[default]\nthis is not ini\n');
  assert.equal(message(() => readProfile('default', bad.env)), `malformed awssso configuration ${bad.path}, line 3: neither a [section], a key = value, nor a comment`);

  const account = configAt(t, '[p]\nurl = https://a.awsapps.com/start\nregion = r\nusername = u\naccount_id = 1234\n');
  assert.equal(message(() => readProfile('p', account.env)), `profile "p" in ${account.path}: account_id 1234 is not 12 digits`);

  const empty = configAt(t, '');
  assert.equal(message(() => readProfile('x', empty.env)), `no profile "x" in ${empty.path} (it has no profiles): run \`awssso configure -p x\``);
});

test('a config written by the Python awssso is read, legacy ids and a #/ start URL included', async (t) => {
  const { env, path } = configAt(t);
  mkdirSync(join(path, '..'), { recursive: true });
  // Exactly what the Python tool's Configuration.save() writes: configparser.ConfigParser().write().
  const seed = `
import configparser, os
cfg = configparser.ConfigParser()
cfg['default'] = {'url': 'https://d-0123456789.awsapps.com/start#/', 'region': 'eu-west-1', 'username': 'me@example.com',
                  'aws_profile': 'my-awssso-profile', 'instance_id': 'ins-0123456789abcdef', 'profile_id': 'p-0123456789abcdef'}
cfg['team.dev'] = {'url': 'https://d-0123456789.awsapps.com/start/', 'region': 'us-east-1', 'username': 'dev@example.com', 'aws_profile': 'dev'}
with open(os.environ['CONFIG'], 'w') as f:
    cfg.write(f)
`;
  const result = await runPython(seed, { env: { ...process.env, CONFIG: path } });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(readProfile('default', env), {
    name: 'default',
    url: 'https://d-0123456789.awsapps.com/start', // one spelling, so secrets and caches are not split
    region: 'eu-west-1',
    username: 'me@example.com',
    awsProfile: 'my-awssso-profile',
    instanceId: 'ins-0123456789abcdef',
    profileId: 'p-0123456789abcdef',
  });
  assert.deepEqual(listProfiles(env), ['default', 'team.dev']);

  const before = readFileSync(path, 'utf8');
  await saveLegacyMigration('default', { accountId: '111111111111', roleName: 'AWSAdministratorAccess' }, env);
  const after = readFileSync(path, 'utf8');
  assert.equal(
    after,
    before
      .replace('instance_id = ins-0123456789abcdef\n', '')
      .replace('profile_id = p-0123456789abcdef\n', 'account_id = 111111111111\nrole_name = AWSAdministratorAccess\n'),
  );
  const migrated = readProfile('default', env);
  assert.equal(migrated.accountId, '111111111111');
  assert.equal(migrated.roleName, 'AWSAdministratorAccess');
  assert.equal(migrated.instanceId, undefined);
  assert.equal(readProfile('team.dev', env).username, 'dev@example.com');
  assert.equal(readProfile('team.dev', env).url, 'https://d-0123456789.awsapps.com/start');
  assert.match(after, /^url = https:\/\/d-0123456789\.awsapps\.com\/start#\/$/m, 'the file keeps the spelling its author wrote');
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('start URLs have one spelling whatever the portal fragment or trailing slashes', () => {
  for (const url of ['https://d-0123456789.awsapps.com/start#/', 'https://d-0123456789.awsapps.com/start/', 'https://d-0123456789.awsapps.com/start']) {
    assert.equal(canonicalStartUrl(url), 'https://d-0123456789.awsapps.com/start');
  }
});

test('writeProfile creates the file 0600 in a 0700 dir, then edits one section in place', async (t) => {
  const { env, path } = configAt(t);
  await writeProfile({ name: 'default', url: 'https://a.awsapps.com/start#/', region: 'eu-west-1', username: 'me@example.com' }, env);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(join(path, '..')).mode & 0o777, 0o700);
  assert.equal(readFileSync(path, 'utf8'), '[default]\nurl = https://a.awsapps.com/start#/\nregion = eu-west-1\nusername = me@example.com\n');

  const withComments = `# my awssso profiles\n${readFileSync(path, 'utf8')}my_note = kept\n\n; second\n[other profile]\nurl = https://b.awsapps.com/start\n`;
  writeFileSync(path, withComments);
  await writeProfile(
    { name: 'default', url: 'https://a.awsapps.com/start#/', region: 'us-west-2', username: 'me@example.com', accountId: '222222222222', roleName: 'ReadOnly' },
    env,
  );
  assert.equal(
    readFileSync(path, 'utf8'),
    withComments.replace('region = eu-west-1', 'region = us-west-2').replace('my_note = kept\n', 'my_note = kept\naccount_id = 222222222222\nrole_name = ReadOnly\n'),
  );
  assert.equal(readProfile('default', env).roleName, 'ReadOnly');
});
