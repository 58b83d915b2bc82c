import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeIni, editIniSection, editIniSections, iniSection, IniSyntaxError, parseIni, type IniUpdates } from '../../src/store/ini.js';
import { runPython, tempDir } from './support.js';

// A credentials file as people really keep them: comments of both kinds, a dotted section name,
// values with `#` and `/`, `:` as delimiter, indentation, a continuation line, CRLF endings.
const CRLF_FILE = [
  '# ~/.aws/credentials, partly written by hand',
  '; a semicolon comment',
  '',
  '[default]',
  'aws_access_key_id = AKIADEFAULT',
  'aws_secret_access_key=default/secret+key',
  '',
  '[profile team.dev]',
  'sso_start_url = https://d-0123456789.awsapps.com/start#/',
  'region : eu-west-1',
  '',
  '# the profile awssso writes',
  '[dev]',
  '  aws_access_key_id   =   AKIAOLD',
  '  # an indented comment',
  '  aws_secret_access_key = old',
  '  aws_session_token = old-token',
  '    continued-old-token-line',
  '  x_note = keep # this hash',
  '',
  '[work account]',
  'aws_access_key_id = AKIAWORK',
  'aws_secret_access_key = work',
  '',
].join('\r\n');

const NEW_KEYS = { aws_access_key_id: 'AKIANEW', aws_secret_access_key: 'new/secret+key', aws_session_token: 'new-token' };

test('replacing a profile keys changes their values and nothing else, byte for byte', () => {
  const edited = editIniSection(CRLF_FILE, 'dev', NEW_KEYS);
  const expected = CRLF_FILE.replace('  aws_access_key_id   =   AKIAOLD', '  aws_access_key_id   =   AKIANEW')
    .replace('  aws_secret_access_key = old\r\n', '  aws_secret_access_key = new/secret+key\r\n')
    .replace('  aws_session_token = old-token\r\n    continued-old-token-line\r\n', '  aws_session_token = new-token\r\n');
  assert.equal(edited, expected);
});

test('a missing section is added at the end, in the file line endings, keeping a missing final newline', () => {
  const lf = '# mine\n[default]\naws_access_key_id = A\n\n[other]\nregion = us-east-1';
  assert.equal(
    editIniSection(lf, 'team.dev ops', NEW_KEYS),
    `${lf}\n\n[team.dev ops]\naws_access_key_id = AKIANEW\naws_secret_access_key = new/secret+key\naws_session_token = new-token`,
  );
  assert.equal(editIniSection(CRLF_FILE, 'x', { k: 'v' }), `${CRLF_FILE}\r\n[x]\r\nk = v\r\n`);
  assert.equal(editIniSection('[a]\nk = 1\n\n', 'x', { k: 'v' }), '[a]\nk = 1\n\n[x]\nk = v\n', 'no second blank line');
  assert.equal(editIniSection('', 'default', { k: 'v' }), '[default]\nk = v\n');
});

test('new keys go after the section last key, before the comments that lead the next section', () => {
  const text = '[a]\nx = 1\n  more of x\n\n# about b\n[b]\ny = 2\n';
  assert.equal(editIniSection(text, 'a', { z: '3' }), '[a]\nx = 1\n  more of x\nz = 3\n\n# about b\n[b]\ny = 2\n');
  assert.equal(editIniSection(text, 'a', { x: null }), '[a]\n\n# about b\n[b]\ny = 2\n');
  assert.equal(editIniSection('[a]\nx = 1', 'a', { y: '2' }), '[a]\nx = 1\ny = 2');
  assert.equal(editIniSection('[a]\n  x = 1\n', 'a', { y: '2' }), '[a]\n  x = 1\n  y = 2\n', 'indentation follows the section');
  assert.equal(editIniSection('[a]\nX_Key=1\n', 'a', { x_key: '2' }), '[a]\nX_Key=2\n', 'keys match case-insensitively, as botocore reads them');
});

test('botocore reads the profile we wrote and every profile we did not touch', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'credentials');
  writeFileSync(path, editIniSection(CRLF_FILE, 'dev', NEW_KEYS));
  const code = `
import json, os, botocore.session
from botocore.configloader import raw_config_parse
path = os.environ['AWS_SHARED_CREDENTIALS_FILE']
out = {'raw': raw_config_parse(path, parse_subsections=False)}
for p in ['dev', 'default', 'work account']:
    c = botocore.session.Session(profile=p).get_credentials()
    out[p] = [c.access_key, c.secret_key, c.token]
print(json.dumps(out))
`;
  const env = { PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: path, AWS_CONFIG_FILE: join(dir, 'none') };
  const result = await runPython(code, { env });
  assert.equal(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.deepEqual(out.dev, ['AKIANEW', 'new/secret+key', 'new-token']);
  assert.deepEqual(out.default, ['AKIADEFAULT', 'default/secret+key', null]);
  assert.deepEqual(out['work account'], ['AKIAWORK', 'work', null]);
  assert.deepEqual((out.raw as Record<string, unknown>)['profile team.dev'], {
    sso_start_url: 'https://d-0123456789.awsapps.com/start#/',
    region: 'eu-west-1',
  });
  assert.equal((out.raw as Record<string, Record<string, string>>).dev!.x_note, 'keep # this hash');
});

// Each case is read by Python's configparser (as botocore does) and by parseIni; they must agree
// on every section and value, and on the line of the first error.
const CASES = [
  '[default]\nurl = https://x.awsapps.com/start#/\n# c\n; c2\nk=v ; not a comment\n',
  '[profile team.dev]\n  region : eu-west-1 \ns3 =\n  addressing_style = path\n\n  signature_version = s3v4\n# mid\n   more\n',
  '[DEFAULT]\nregion = eu-west-1\n[a]\nk = 1\n[b]\nregion = us-east-1\n',
  '[ spaced name ]\nKey = Value\n[a]b]\nx=1\n',
  '[a]\r\nk = v\r\n  cont\r\n[b]\r\nq=1',
  '[a]\rk=1\rj=\r',
  '[a]\nk=1\n    [b]\nj=2\n',
  '[a]\n\tk = tab\n\tj = also\n',
  '[a]\nk = v\n\n\n  after blanks\n',
  'k=v\n[a]\n',
  '# c\n\n[a]\nk=1\nK=2\n',
  '[a]\nk=1\n[a]\n',
  '[a]\nnovalue\n',
  '[a]\n=x\n',
  '[a]\nk=1\n[]\n',
];

test('parseIni agrees with the configparser botocore uses', async () => {
  const code = `
import configparser, io, json, sys
out = []
for text in json.load(sys.stdin):
    cp = configparser.RawConfigParser()
    try:
        cp.read_file(io.StringIO(text, newline=None))
    except configparser.Error as e:
        out.append({'error': getattr(e, 'lineno', None) or e.errors[0][0]}); continue
    out.append({'sections': {s: {o: cp.get(s, o) for o in cp.options(s)} for s in cp.sections()}})
print(json.dumps(out))
`;
  const result = await runPython(code, { input: JSON.stringify(CASES) });
  assert.equal(result.code, 0, result.stderr);
  const expected = JSON.parse(result.stdout) as unknown[];
  CASES.forEach((text, i) => {
    let ours: unknown;
    try {
      const data = parseIni(text);
      ours = { sections: Object.fromEntries([...data.sections.keys()].map((name) => [name, Object.fromEntries(iniSection(data, name)!)])) };
    } catch (err) {
      assert.ok(err instanceof IniSyntaxError, String(err));
      ours = { error: err.line };
    }
    assert.deepEqual(ours, expected[i], `case ${i}: ${JSON.stringify(text)}`);
  });
});

test('a malformed file is refused with its line number, and the editor never writes one', () => {
  assert.throws(() => editIniSection('[a]\nk=1\n\n[b]\njunk line\n', 'a', { k: '2' }), { name: 'IniSyntaxError', line: 5 });
  assert.throws(() => parseIni('[a]\nk=1\n[a]\n'), /^IniSyntaxError: line 3: section \[a\] appears twice$/);
});

test('values INI cannot hold are refused without echoing them', () => {
  assert.throws(() => editIniSection('', 'a', { k: 'line1\nline2-secret' }), (err: Error) => !err.message.includes('secret'));
  assert.throws(() => editIniSection('', 'a', { k: ' padded' }), /surrounding spaces/);
  assert.throws(() => editIniSection('', 'a', { 'bad=key': 'v' }), /invalid INI key/);
  assert.throws(() => editIniSection('', 'two\nlines', { k: 'v' }), /invalid INI section name/);
});

test('decodeIni keeps a byte-order mark and names the line of bytes that are not UTF-8', () => {
  const bom = Buffer.from('\ufeff[a]\nk = v\n', 'utf8');
  const text = decodeIni(bom);
  assert.equal(Buffer.from(editIniSection(text, 'a', { k: 'w' }), 'utf8').toString('hex'), Buffer.from('\ufeff[a]\nk = w\n').toString('hex'));
  const latin1 = Buffer.concat([Buffer.from('[a]\nk = v\nname = caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
  assert.throws(() => decodeIni(latin1), { name: 'IniSyntaxError', line: 3 });
});

test('editIniSections removes whole sections, edits existing ones and appends new ones together, keeping every other byte', () => {
  const text = '# top\r\n[a]\r\nx = 1\r\n\r\n[gone]\r\nk = v\r\n  more\r\n\r\n# about b\r\n[b]\r\ny = 2\r\n';
  const out = editIniSections(text, new Map<string, IniUpdates | null>([
    ['gone', null], ['b', { y: '3' }], ['new one', { k: 'v' }], ['newer', { a: 'b#c', dropped: null }],
  ]));
  assert.equal(out, '# top\r\n[a]\r\nx = 1\r\n\r\n# about b\r\n[b]\r\ny = 3\r\n\r\n[new one]\r\nk = v\r\n\r\n[newer]\r\na = b#c\r\n');
  assert.equal(editIniSections('[a]\nx = 1', new Map([['b', { y: '2' }]])), '[a]\nx = 1\n\n[b]\ny = 2\n');
  assert.throws(() => editIniSections('[a]\nx = 1\n', new Map([['b', { 'bad=key': '1' }]])), /invalid INI key/);
});
