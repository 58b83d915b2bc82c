// The bundle bin/run.cjs loads before deciding whether oclif must start (dist/fast-path.cjs) may
// require only the node built-ins the README promises for the warm credential_process path: no
// package, no node:crypto, nothing loaded lazily.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BUNDLE = fileURLToPath(new URL('../../fast-path.cjs', import.meta.url));
const ALLOWED = new Set(['node:fs', 'node:os', 'node:path']);

/** Every module the bundle loads with require() or import(); one named by an expression shows as `?`. */
export function requiredModules(code: string): string[] {
  return [...code.matchAll(/\b(?:require|import)\(\s*(?:["'`]([^"'`$]+)["'`]\s*\))?/g)].map((m) => m[1] ?? '?');
}

test('the fast-path bundle requires only node:fs, node:os and node:path', () => {
  const required = requiredModules(readFileSync(BUNDLE, 'utf8'));
  const foreign = required.filter((name) => !ALLOWED.has(name));
  assert.deepEqual(foreign, [], `dist/fast-path.cjs loads ${foreign.join(', ')}`);
});

test('the guard sees what a bundle may load: a package, a lazy import, node:crypto, a computed name', () => {
  const heavy = 'require("got"); import("@oclif/core").then(f); require("node:crypto"); require(name); require("node:fs")';
  assert.deepEqual(requiredModules(heavy), ['got', '@oclif/core', 'node:crypto', '?', 'node:fs']);
});
