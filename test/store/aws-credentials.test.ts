import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { writeAwsCredentials } from '../../src/store/aws-credentials.js';
import { run, runNode, storeModule, tempDir } from './support.js';

const CREDS = { accessKeyId: 'ASIANEW', secretAccessKey: 'new/secret+key', sessionToken: 'IQoJb3JpZ2luX2VjEJ//////////token==', expiration: Date.UTC(2030, 0, 1) };

const EXISTING = [
  '# written by hand, keep me',
  '[default]',
  'aws_access_key_id = AKIADEFAULT',
  'aws_secret_access_key = default',
  '',
  '[dev]',
  'aws_access_key_id=ASIAOLD',
  'aws_secret_access_key=old',
  'aws_session_token=old',
  'region = eu-west-1 # not a comment',
  '',
  '; other people',
  '[team.dev]',
  'aws_access_key_id = AKIATEAM',
  'aws_secret_access_key = team',
  '',
].join('\n');

function awsEnv(dir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: join(dir, '.aws', 'credentials'), AWS_CONFIG_FILE: join(dir, '.aws', 'config') };
}

test('credentials land in their profile, every other byte and the file mode stay, and the AWS CLI reads them', async (t) => {
  const dir = tempDir(t);
  const env = awsEnv(dir);
  const path = env.AWS_SHARED_CREDENTIALS_FILE!;
  mkdirSync(join(dir, '.aws'));
  writeFileSync(path, EXISTING);
  chmodSync(path, 0o640);
  assert.equal(await writeAwsCredentials('dev', CREDS, env), path);
  assert.equal(
    readFileSync(path, 'utf8'),
    EXISTING.replace('aws_access_key_id=ASIAOLD', 'aws_access_key_id=ASIANEW')
      .replace('aws_secret_access_key=old', 'aws_secret_access_key=new/secret+key')
      .replace('aws_session_token=old', `aws_session_token=${CREDS.sessionToken}`),
  );
  assert.equal(statSync(path).mode & 0o777, 0o640, 'the mode the user chose is kept');

  for (const [key, expected] of [['aws_access_key_id', 'ASIANEW'], ['aws_session_token', CREDS.sessionToken]]) {
    const got = await run('/usr/bin/aws', ['configure', 'get', key!, '--profile', 'dev'], { env });
    assert.equal(got.code, 0, got.stderr);
    assert.equal(got.stdout.trim(), expected);
  }
  const team = await run('/usr/bin/aws', ['configure', 'get', 'aws_access_key_id', '--profile', 'team.dev'], { env });
  assert.equal(team.stdout.trim(), 'AKIATEAM');
});

test('a missing credentials file and directory are created 0600 and 0700', async (t) => {
  const dir = tempDir(t);
  const env = awsEnv(dir);
  await writeAwsCredentials('new.profile', CREDS, env);
  const path = env.AWS_SHARED_CREDENTIALS_FILE!;
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, '.aws')).mode & 0o777, 0o700);
  assert.equal(
    readFileSync(path, 'utf8'),
    `[new.profile]\naws_access_key_id = ASIANEW\naws_secret_access_key = new/secret+key\naws_session_token = ${CREDS.sessionToken}\n`,
  );
});

test('a credentials file the AWS CLI cannot read is left alone, with a one-line error', async (t) => {
  const dir = tempDir(t);
  const env = awsEnv(dir);
  const path = env.AWS_SHARED_CREDENTIALS_FILE!;
  mkdirSync(join(dir, '.aws'));
  const broken = '[default]\naws_access_key_id = A\n[default]\n';
  writeFileSync(path, broken);
  await assert.rejects(writeAwsCredentials('dev', CREDS, env), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.message, `cannot update ${path}: line 3: section [default] appears twice, which the AWS CLI cannot read either; fix it and try again`);
    return true;
  });
  assert.equal(readFileSync(path, 'utf8'), broken);
});

test('two processes writing different profiles at once keep each other', async (t) => {
  const dir = tempDir(t);
  const env = awsEnv(dir);
  const writer = `
const { writeAwsCredentials } = await import(process.env.MODULE);
for (let i = 0; i < 10; i++) {
  await writeAwsCredentials(process.env.WHO + '-' + i, { accessKeyId: 'ASIA' + i, secretAccessKey: 's', sessionToken: 't', expiration: 0 },
    { ...process.env, AWSSSO_CONFIG_DIR: process.env.HOME + '/.awssso' });
}`;
  const results = await Promise.all(['a', 'b'].map((who) => runNode(writer, { ...process.env, ...env, MODULE: storeModule('aws-credentials'), WHO: who })));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8');
  for (const who of ['a', 'b']) for (let i = 0; i < 10; i++) assert.ok(text.includes(`[${who}-${i}]\n`), `profile ${who}-${i} is there`);
});
