import assert from 'node:assert/strict';
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { secretsFile } from '../../src/store/paths.js';
import { openSecretStore } from '../../src/store/secrets.js';
import { secretName } from '../../src/store/secret-store.js';
import { run, runNode, storeModule, tempDir } from './support.js';

const NAME = secretName('password', 'me@example.com', 'https://d-0123456789.awsapps.com/start#/');
const VALUE = 'Demo-Passw0rd!-not-real';
const noWarning = { warn: (line: string) => assert.fail(`unexpected warning: ${line}`) };

test('secret names follow the contract', () => {
  assert.equal(NAME, 'password:me@example.com@https://d-0123456789.awsapps.com/start#/');
});

test('the file store round-trips secrets in a 0600 file that does not show them', async (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t), AWSSSO_SECRET_STORE: 'file' };
  const store = await openSecretStore({ ...noWarning, env });
  assert.equal(store.kind, 'file');
  assert.equal(await store.get(NAME), undefined);
  await store.delete(NAME);
  assert.equal(existsSync(secretsFile(env)), false, 'deleting nothing writes nothing');
  await store.set(NAME, VALUE);
  await store.set('totp-seed:me@example.com@https://x', 'JBSWY3DPEHPK3PXP');
  assert.equal(await store.get(NAME), VALUE);
  const path = secretsFile(env);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const raw = readFileSync(path, 'utf8');
  assert.ok(!raw.includes(VALUE) && !raw.includes('JBSWY3DPEHPK3PXP') && !raw.includes('me@example.com'), 'nothing readable in the file');
  await store.delete(NAME);
  assert.equal(await store.get(NAME), undefined);
  assert.equal(await store.get('totp-seed:me@example.com@https://x'), 'JBSWY3DPEHPK3PXP');
  const reopened = await openSecretStore({ ...noWarning, env });
  assert.equal(await reopened.get('totp-seed:me@example.com@https://x'), 'JBSWY3DPEHPK3PXP');
});

test('with AWSSSO_FILE_PASSPHRASE the file opens only with that passphrase, and nothing is overwritten without it', async (t) => {
  const dir = tempDir(t);
  const base = { AWSSSO_CONFIG_DIR: dir, AWSSSO_SECRET_STORE: 'file' };
  const machine = await openSecretStore({ ...noWarning, env: base });
  await machine.set('password:a@x', 'one');
  const withPass = await openSecretStore({ ...noWarning, env: { ...base, AWSSSO_FILE_PASSPHRASE: 'correct horse' } });
  assert.equal(await withPass.get('password:a@x'), 'one', 'a machine-key file still opens');
  await withPass.set('password:b@x', 'two'); // rewritten under the passphrase
  const path = secretsFile(base);
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).keySource, 'passphrase');
  const before = readFileSync(path, 'utf8');

  const without = await openSecretStore({ ...noWarning, env: base });
  await assert.rejects(without.get('password:a@x'), new ConfigError(`${path} is locked with a passphrase: set AWSSSO_FILE_PASSPHRASE`));
  const wrong = await openSecretStore({ ...noWarning, env: { ...base, AWSSSO_FILE_PASSPHRASE: 'wrong' } });
  await assert.rejects(wrong.set('password:c@x', 'three'), new ConfigError(`cannot decrypt ${path}: AWSSSO_FILE_PASSPHRASE is not the passphrase it was written with`));
  assert.equal(readFileSync(path, 'utf8'), before, 'a file we cannot open is never overwritten');
  const right = await openSecretStore({ ...noWarning, env: { ...base, AWSSSO_FILE_PASSPHRASE: 'correct horse' } });
  assert.deepEqual([await right.get('password:a@x'), await right.get('password:b@x')], ['one', 'two']);
});

test('the machine key comes from HKDF, a passphrase key from scrypt', async (t) => {
  const base = { AWSSSO_CONFIG_DIR: tempDir(t), AWSSSO_SECRET_STORE: 'file' };
  const header = () => JSON.parse(readFileSync(secretsFile(base), 'utf8')) as Record<string, unknown>;
  await (await openSecretStore({ ...noWarning, env: base })).set(NAME, VALUE);
  assert.equal(header().kdf, 'hkdf-sha256');
  assert.equal(header().N, undefined, 'no scrypt cost fields');
  const withPass = await openSecretStore({ ...noWarning, env: { ...base, AWSSSO_FILE_PASSPHRASE: 'correct horse' } });
  assert.equal(await withPass.get(NAME), VALUE);
  assert.equal(header().kdf, 'hkdf-sha256', 'reading changes nothing');
  await withPass.set(NAME, VALUE);
  assert.deepEqual([header().kdf, header().N, header().r, header().p], ['scrypt', 2 ** 15, 8, 1]);
});

/**
 * A secrets file as the versions before HKDF wrote it for the machine key: scrypt (N 2^15, r 8,
 * p 1) of `awssso:<machine id>:<uid>`, the header fields authenticated in this order.
 */
function writeScryptMachineFile(path: string, entries: Record<string, string>): void {
  const id = ['/etc/machine-id', '/var/lib/dbus/machine-id'].map((p) => (existsSync(p) ? readFileSync(p, 'utf8').trim() : ''))
    .find(Boolean);
  assert.ok(id, 'this test needs a machine id');
  const salt = randomBytes(16);
  const key = scryptSync(`awssso:${id}:${process.getuid!()}`, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const header = { version: 1, kdf: 'scrypt', N: 2 ** 15, r: 8, p: 1, salt: salt.toString('base64'), keySource: 'machine' };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(JSON.stringify(Object.values(header))));
  const data = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()]);
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify({ ...header, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') }), { mode: 0o600 });
}

test('a file written with scrypt for the machine key is read, then rewritten with HKDF, every entry kept', async (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t), AWSSSO_SECRET_STORE: 'file' };
  const path = secretsFile(env);
  writeScryptMachineFile(path, { [NAME]: VALUE, 'totp-seed:a@b': 'JBSWY3DPEHPK3PXP' });
  const store = await openSecretStore({ ...noWarning, env });
  assert.equal(await store.get(NAME), VALUE);
  const after = readFileSync(path, 'utf8');
  assert.equal(JSON.parse(after).kdf, 'hkdf-sha256', 'rewritten with HKDF');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.ok(!after.includes(VALUE));
  const reopened = await openSecretStore({ ...noWarning, env });
  assert.deepEqual([await reopened.get(NAME), await reopened.get('totp-seed:a@b')], [VALUE, 'JBSWY3DPEHPK3PXP']);
  assert.equal(readFileSync(path, 'utf8'), after, 'a file in the new format is only read');
});

test('concurrent processes writing the file store keep each other entries', async (t) => {
  const dir = tempDir(t);
  const writer = `
const { openSecretStore } = await import(process.env.MODULE);
const store = await openSecretStore({ warn: (l) => { throw new Error(l); } });
for (let i = 0; i < 6; i++) await store.set(process.env.WHO + i, 'v' + i);`;
  const env = { ...process.env, MODULE: storeModule('secrets'), AWSSSO_CONFIG_DIR: dir, AWSSSO_SECRET_STORE: 'file' };
  const results = await Promise.all(['a', 'b', 'c'].map((who) => runNode(writer, { ...env, WHO: who })));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const store = await openSecretStore({ ...noWarning, env: { AWSSSO_CONFIG_DIR: dir, AWSSSO_SECRET_STORE: 'file' } });
  for (const who of ['a', 'b', 'c']) for (let i = 0; i < 6; i++) assert.equal(await store.get(`${who}${i}`), `v${i}`);
});

test('with no keyring answering, the file is used and announced once; forcing the keyring then fails plainly', async (t) => {
  const dir = tempDir(t);
  const code = `
const { openSecretStore } = await import(process.env.MODULE);
const lines = [];
const warn = (l) => lines.push(l);
const a = await openSecretStore({ warn });
const b = await openSecretStore({ warn });
await a.set('password:x@y', process.env.VALUE);
const read = await (await import(process.env.MODULE)).openSecretReader().then((r) => r.get('password:x@y'));
let forced;
try { await openSecretStore({ warn, env: { ...process.env, AWSSSO_SECRET_STORE: 'keyring' } }); } catch (err) { forced = err.name + ': ' + err.message; }
console.log(JSON.stringify({ kinds: [a.kind, b.kind], value: await b.get('password:x@y'), read, lines, forced }));`;
  // A session bus that does not exist: what a headless box or CI looks like to the keyring library.
  const env: NodeJS.ProcessEnv = { ...process.env, MODULE: storeModule('secrets'), AWSSSO_CONFIG_DIR: dir, VALUE, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}` };
  delete env.AWSSSO_SECRET_STORE;
  const r = await runNode(code, env);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { kinds: string[]; value: string; read: string; lines: string[]; forced: string };
  assert.deepEqual(out.kinds, ['file', 'file']);
  assert.equal(out.value, VALUE);
  assert.equal(out.read, VALUE, 'a reader finds the file when no keyring answers');
  assert.equal(out.lines.length, 1, 'announced once');
  assert.match(out.lines[0]!, new RegExp(`^no OS keyring answered; keeping secrets encrypted in ${join(dir, 'secrets.enc')} \\(mode 0600\\)\\. `));
  assert.doesNotMatch(out.lines[0]!, /\n/);
  assert.match(out.forced, /^ConfigError: AWSSSO_SECRET_STORE=keyring, but no keyring answered: /);
});

test('a real Secret Service (gnome-keyring on D-Bus) is used, and takes over secrets left in the file', async (t) => {
  const dir = tempDir(t);
  for (const sub of ['data', 'config', 'cache', 'run']) mkdirSync(join(dir, sub), { mode: 0o700 });
  const code = `
const { openSecretStore } = await import(process.env.MODULE);
const { FileSecretStore } = await import(process.env.FILE_MODULE);
await new FileSecretStore(process.env.SECRETS_FILE).set('password:old@url', 'from-the-file');
const lines = [];
const store = await openSecretStore({ warn: (l) => lines.push(l) });
await store.set(process.env.NAME, process.env.VALUE);
const out = { kind: store.kind, lines, value: await store.get(process.env.NAME), leftover: await store.get('password:old@url'),
  fileAfter: (await new FileSecretStore(process.env.SECRETS_FILE).get('password:old@url')) ?? null };
// A reader (the stored-session fast path) finds both without the probe, and moves nothing.
const { openSecretReader } = await import(process.env.MODULE);
await new FileSecretStore(process.env.SECRETS_FILE).set('password:left@url', 'left-in-file');
const reader = await openSecretReader();
out.read = [await reader.get(process.env.NAME), await reader.get('password:left@url'), (await reader.get('password:none@url')) ?? null];
out.leftStays = (await new FileSecretStore(process.env.SECRETS_FILE).get('password:left@url')) ?? null;
await store.delete(process.env.NAME);
out.afterDelete = (await store.get(process.env.NAME)) ?? null;
console.log(JSON.stringify(out));`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    AWSSSO_CONFIG_DIR: join(dir, 'awssso'),
    SECRETS_FILE: join(dir, 'awssso', 'secrets.enc'),
    MODULE: storeModule('secrets'),
    FILE_MODULE: storeModule('secret-file'),
    NAME,
    VALUE,
    CODE: code,
  };
  const script = `echo test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "${process.execPath}" --input-type=module -e "$CODE"`;
  const r = await run('dbus-run-session', ['--', 'sh', '-c', script], { env });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(out, {
    kind: 'keyring', lines: [], value: VALUE, leftover: 'from-the-file', fileAfter: null, afterDelete: null,
    read: [VALUE, 'left-in-file', null], leftStays: 'left-in-file',
  });
});
