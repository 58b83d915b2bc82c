// The credential_process fast path loads these store modules; they must pull in node built-ins only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const distSrc = fileURLToPath(new URL('../../src/', import.meta.url));
const FAST_PATH = ['store/paths.js', 'store/ini.js', 'store/config.js', 'store/role-cache.js', 'store/atomic-write.js'];

test('the fast-path store modules import node built-ins and each other only', () => {
  const seen = new Set<string>();
  const queue = FAST_PATH.map((p) => join(distSrc, p));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(/(?:from|import)\s*['"]([^'"]+)['"]/g)) {
      if (spec!.startsWith('node:')) continue;
      assert.ok(spec!.startsWith('.'), `${relative(distSrc, file)} imports ${spec}`);
      queue.push(join(dirname(file), spec!));
    }
    assert.doesNotMatch(code, /import\(\s*['"](?!node:|\.)/, `${relative(distSrc, file)} loads a package lazily`);
  }
  assert.ok(seen.size >= FAST_PATH.length);
});

const dist = fileURLToPath(new URL('../../', import.meta.url));

test('the fast-path bundles require node built-ins only; the second may import the keyring binding when it reads a session', () => {
  for (const [bundle, lazy] of [['fast-path.cjs', []], ['fast-path-fetch.cjs', ['@napi-rs/keyring', '@oclif/core']]] as const) {
    const code = readFileSync(join(dist, bundle), 'utf8');
    for (const [, spec] of code.matchAll(/require\("([^"]+)"\)/g)) assert.match(spec!, /^node:/, `${bundle} requires ${spec}`);
    // @oclif/core: src/cli/progress.ts imports it only for a spinner, which the fast paths never make.
    for (const [, spec] of code.matchAll(/import\("([^"]+)"\)/g)) assert.ok((lazy as readonly string[]).includes(spec!), `${bundle} imports ${spec}`);
  }
});
