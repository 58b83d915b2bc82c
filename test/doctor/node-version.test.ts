// Which Node.js versions doctor passes: the tested lines from their oldest working minor, with
// a note on the one past its end of life; older ones fail, newer untested ones warn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeVersionVerdict } from '../../src/doctor/node-version.js';
import { repoRoot } from '../helpers/paths.js';

test('tested lines pass; 20 with a note that it is past its end of life', () => {
  for (const v of ['v22.12.0', 'v22.23.5', 'v24.0.0', 'v24.22.3']) {
    assert.deepEqual(nodeVersionVerdict(v), { check: 'node', status: 'ok', summary: `Node.js ${v}` });
  }
  const twenty = nodeVersionVerdict('v20.19.0');
  assert.equal(twenty.status, 'ok');
  assert.match(twenty.summary, /end of life/);
  assert.match(twenty.fix!, /22 or 24/);
});

test('too old a line or minor fails and says what to install', () => {
  for (const v of ['v18.20.4', 'v20.18.1', 'v22.11.0', 'v23.5.0']) {
    const verdict = nodeVersionVerdict(v);
    assert.equal(verdict.status, 'fail', v);
    assert.match(verdict.fix!, /Node\.js/);
  }
});

test('a newer, untested line warns', () => {
  assert.equal(nodeVersionVerdict('v26.1.0').status, 'warn');
});

test('the lines doctor passes are the ones package.json engines promises', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
  const floors = [...pkg.engines.node.matchAll(/\^(\d+)\.(\d+)\.\d+/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  assert.ok(floors.length >= 3, pkg.engines.node);
  for (const [major, minor] of floors) {
    assert.equal(nodeVersionVerdict(`v${major}.${minor}.0`).status, 'ok', `${major}.${minor}`);
    if (minor > 0) assert.equal(nodeVersionVerdict(`v${major}.${minor - 1}.9`).status, 'fail', `${major}.${minor - 1}`);
  }
});
