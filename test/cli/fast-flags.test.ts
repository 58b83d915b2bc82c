// The fast paths read login's flags as oclif does (issue 14 item 14): their flag table matches
// login's flag definitions, and every argv they answer, oclif accepts with the same meaning;
// whatever oclif refuses (a flag given twice, a conflict, a bad value) they leave to oclif.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Parser } from '@oclif/core';
import Login from '../../src/commands/login.js';
import { FAST_FLAGS, parseFastRequest } from '../../src/cli/fast-flags.js';

const LOGIN_FLAGS = { ...Login.baseFlags, ...Login.flags };

test('each fast-path flag is a login flag of the same kind, letter and --no- form', () => {
  for (const [name, spec] of Object.entries(FAST_FLAGS)) {
    const flag = LOGIN_FLAGS[name as keyof typeof LOGIN_FLAGS];
    assert.ok(flag, `login has no --${name}`);
    assert.equal(flag.type, 'value' in spec ? 'option' : 'boolean', `--${name}`);
    assert.equal(flag.char, 'char' in spec ? spec.char : undefined, `--${name}`);
    assert.equal(Boolean((flag as { allowNo?: boolean }).allowNo), 'allowNo' in spec, `--${name}`);
    assert.equal((flag as { multiple?: boolean }).multiple ?? false, false, `--${name} is given once`);
  }
});

test('every other login flag sends the run to oclif', () => {
  for (const [name, flag] of Object.entries(LOGIN_FLAGS)) {
    if (Object.hasOwn(FAST_FLAGS, name)) continue;
    const value = flag.type === 'option' ? ['x'] : [];
    assert.equal(parseFastRequest(['login', '--json', `--${name}`, ...value]), undefined, `--${name}`);
    if (flag.char) assert.equal(parseFastRequest(['login', '--json', `-${flag.char}`, ...value]), undefined, `-${flag.char}`);
  }
});

/** What oclif makes of `argv`: the fields a fast path answers by, or the first line of its refusal. */
async function oclifReads(argv: string[]): Promise<{ refused: string } | Record<string, unknown>> {
  try {
    const { flags } = await Parser.parse(argv, { flags: LOGIN_FLAGS, strict: true });
    return {
      profile: flags.profile,
      region: flags.region,
      output: flags.json ? 'json' : flags.export ? 'export' : 'other',
      format: flags.format ?? 'bash',
      renew: Boolean(flags.renew),
      forceRefresh: Boolean(flags['force-refresh']),
      spinner: flags.spinner,
      headless: flags.headless,
    };
  } catch (err) {
    return { refused: (err as Error).message.split('\n')[0]! };
  }
}

const ARGVS = [
  ['--json'], ['-j'], ['-e'], ['--export'], ['-jr'], ['-rj'], ['-r', '--json'], ['-j', '-j'], ['-e', '-e', '-r', '-r'],
  ['-p', 'dev', '--json'], ['-pdev', '-j'], ['-p=dev', '-j'], ['--profile=dev', '-j'], ['--profile', 'dev', '-e'],
  ['-p', 'a', '-p', 'b', '--json'], ['-p', 'a', '--profile=b', '-e'], ['--profile', 'a', '-pb', '-j'],
  ['-e', '--format', 'fish'], ['-e', '--format=powershell'], ['-e', '--format', 'fish', '--format', 'bash'],
  ['-e', '--format', 'zsh'], ['-j', '--format', 'fish'], ['--format', 'fish'], ['-j', '-e'], ['-je'],
  ['-j', '--region', 'eu-west-1'], ['-j', '--region=eu-west-1', '--region', 'us-east-1'], ['-j', '--region'],
  ['-j', '-a', 'other'], ['-j', '-a', 'x', '--aws-profile', 'y'], ['-j', '--no-spinner', '--spinner'], ['-j', '--no-headless'],
  ['-j', '--no-json'], ['-j', '--json=true'], ['-j', '-p'], ['-p', '--json'], ['-j', 'extra'], ['-j', '-x'], ['-j', '--nope'],
  ['-j', '-f'], ['-jfr'], ['-e', '--force-refresh', '--no-headless', '--no-spinner'], ['-j', '--no-spinner', '--spinner', '--no-spinner'], ['-j', '-c'], ['-j', '-i'], ['-e', '-b'], ['-j', '-d', '900'], ['-j', '--record', 'x.har'],
  [], ['-r'], ['-p', 'dev'],
];

test('an argv the fast paths answer, oclif accepts with the same meaning; one oclif refuses, they leave to oclif', async () => {
  let answered = 0;
  for (const flags of ARGVS) {
    const fast = parseFastRequest(['login', ...flags]);
    const oclif = await oclifReads(flags);
    if (fast === undefined) continue;
    answered++;
    assert.ok(!('refused' in oclif), `${flags.join(' ')}: the fast path answers what oclif refuses (${String(oclif.refused)})`);
    assert.deepEqual({ region: undefined, ...fast }, oclif, flags.join(' '));
  }
  assert.ok(answered >= 15, `the fast path answered ${answered} of them`);
  for (const twice of [['-p', 'a', '-p', 'b', '--json'], ['-e', '--format', 'fish', '--format', 'bash'], ['-j', '-a', 'x', '--aws-profile', 'y']]) {
    assert.match(String((await oclifReads(twice)).refused), /can only be specified once/);
    assert.equal(parseFastRequest(['login', ...twice]), undefined, twice.join(' '));
  }
});
