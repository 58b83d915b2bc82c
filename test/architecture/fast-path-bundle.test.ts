// The bundle bin/run.cjs loads before deciding whether oclif must start (dist/fast-path.cjs) may
// require only the node built-ins the README promises for the warm credential_process path: no
// package, no node:crypto, nothing loaded lazily. The second one (a cache miss with a stored
// session) may require node built-ins and load only the keyring binding, to read that session; it
// and the third are loaded by dist/code-cache.cjs (built-ins only) and so may not import().
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dist = (name: string) => fileURLToPath(new URL(`../../${name}`, import.meta.url));
const ALLOWED = new Set(['node:fs', 'node:os', 'node:path']);

/** Every module the bundle loads with require() or import(); one named by an expression shows as `?`. */
export function requiredModules(code: string): string[] {
  return [...code.matchAll(/\b(?:require|import)\(\s*(?:["'`]([^"'`$]+)["'`]\s*\))?/g)].map((m) => m[1] ?? '?');
}

test('the fast-path bundle requires only node:fs, node:os and node:path', () => {
  const required = requiredModules(readFileSync(dist('fast-path.cjs'), 'utf8'));
  const foreign = required.filter((name) => !ALLOWED.has(name));
  assert.deepEqual(foreign, [], `dist/fast-path.cjs loads ${foreign.join(', ')}`);
});

test('the stored-session bundle requires node built-ins only, and may load the keyring binding', () => {
  // @oclif/core: src/cli/progress.ts loads it for a spinner, which the fast paths never start
  const lazy = new Set(['@napi-rs/keyring', '@oclif/core']);
  const required = requiredModules(readFileSync(dist('fast-path-fetch.cjs'), 'utf8'));
  const foreign = required.filter((name) => !name.startsWith('node:') && !lazy.has(name));
  assert.deepEqual(foreign, [], `dist/fast-path-fetch.cjs loads ${foreign.join(', ')}`);
});

test('the code-cache loader requires node built-ins only', () => {
  const foreign = requiredModules(readFileSync(dist('code-cache.cjs'), 'utf8')).filter((name) => !name.startsWith('node:'));
  assert.deepEqual(foreign, [], `dist/code-cache.cjs loads ${foreign.join(', ')}`);
});

test('the bundles loaded through the code cache import() nothing: a vm.Script has no ES-module loader', () => {
  for (const name of ['fast-path-fetch.cjs', 'fast-path-sign-in.cjs']) {
    const imports = [...readFileSync(dist(name), 'utf8').matchAll(/\bimport\(\s*["'`]([^"'`]+)/g)].map((m) => m[1]);
    assert.deepEqual(imports, [], `dist/${name} import()s ${imports.join(', ')}`);
  }
});

test('the guard sees what a bundle may load: a package, a lazy import, node:crypto, a computed name', () => {
  const heavy = 'require("got"); import("@oclif/core").then(f); require("node:crypto"); require(name); require("node:fs")';
  assert.deepEqual(requiredModules(heavy), ['got', '@oclif/core', 'node:crypto', '?', 'node:fs']);
});
