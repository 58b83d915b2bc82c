// The Python awssso took global options before the command; oclif wants them after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeArgv } from '../../src/cli/argv.js';

test('global options written before the command move just after it, in their order', () => {
  assert.deepEqual(normalizeArgv(['--region', 'eu-west-1', '--no-headless', 'login', '-p', 'dev']),
    ['login', '--region', 'eu-west-1', '--no-headless', '-p', 'dev']);
  assert.deepEqual(normalizeArgv(['--region=eu-west-1', '--no-spinner', 'configure']), ['configure', '--region=eu-west-1', '--no-spinner']);
});

test('argv already in oclif order, or with nothing after the globals, is left as it is', () => {
  for (const argv of [['login', '--region', 'eu-west-1'], ['--no-headless'], ['--region', 'eu-west-1'], ['--version'], []]) {
    assert.deepEqual(normalizeArgv(argv), argv);
  }
});

test('an option that is not global stops the move: oclif explains it', () => {
  assert.deepEqual(normalizeArgv(['--region', 'r', '-p', 'dev', 'login']), ['--region', 'r', '-p', 'dev', 'login']);
});
