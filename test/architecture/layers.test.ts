// The house rules of src/, checked on the TypeScript sources (type imports and lazy imports
// included): no import cycle, and every import points down the layer table that the README's
// layout section states. A newcomer who adds an arrow up learns it here, not in review.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/**
 * Layers from the top; a file may import its own layer's files and any layer below it. Within
 * src/signin the chain sits above the two methods, which sit above their shared contract, and the
 * methods never import each other.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['commands'],
  ['cli', 'doctor'],
  ['auth'],
  ['signin/chain.ts'],
  ['signin/http', 'signin/browser'],
  ['signin/contract.ts'],
  ['http'],
  ['recording', 'store', 'output'],
  ['identifiers.ts'],
  ['errors.ts', 'types.ts'],
];

/** The layer entry a source path (relative to src/) belongs to: the longest prefix that names it. */
export function placeOf(path: string): { layer: number; room: string } | undefined {
  let best: { layer: number; room: string } | undefined;
  LAYERS.forEach((rooms, layer) => {
    for (const room of rooms) {
      const inside = path === room || path.startsWith(`${room}/`);
      if (inside && (!best || room.length > best.room.length)) best = { layer, room };
    }
  });
  return best;
}

/** Whether `from` may import `to` (both relative to src/). */
export function mayImport(from: string, to: string): boolean {
  const a = placeOf(from);
  const b = placeOf(to);
  if (!a || !b) return false;
  return a.room === b.room || b.layer > a.layer;
}

/** Relative module specifiers of a source file: static, type-only, re-exports and import(). */
export function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.[^'"]+)['"]/g)) found.add(m[1]!);
  for (const m of code.matchAll(/(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g)) found.add(m[1]!);
  for (const m of code.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) found.add(m[1]!);
  return [...found];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** src/ as a graph: file -> the files it imports, paths relative to src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const targets = importsOf(readFileSync(file, 'utf8'))
      .map((spec) => relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

/** Every cycle's files (strongly connected components with more than one file, or a self-import). */
export function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

test('src/ has no import cycle, type imports and lazy imports counted', () => {
  assert.deepEqual(cycles(importGraph()), []);
});

test('every import in src/ points down the layer table', () => {
  const against: string[] = [];
  for (const [from, targets] of importGraph()) {
    if (!placeOf(from)) against.push(`${from} is in no layer`);
    for (const to of targets) if (!mayImport(from, to)) against.push(`${from} -> ${to}`);
  }
  assert.deepEqual(against, []);
});

test('the checks see what they must: a cycle, an arrow up, a type import and a lazy import', () => {
  assert.deepEqual(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']], ['c.ts', ['a.ts']]])), [['a.ts', 'b.ts']]);
  assert.equal(mayImport('http/portal.ts', 'auth/portal-access.ts'), false);
  assert.equal(mayImport('signin/http/steps.ts', 'signin/browser/page-states.ts'), false);
  assert.equal(mayImport('signin/http/steps.ts', 'signin/contract.ts'), true);
  assert.equal(mayImport('signin/contract.ts', 'signin/chain.ts'), false);
  assert.deepEqual(importsOf("import type { A } from './a.js';\nconst b = await import('../b.js');\nexport { c } from './c.js';"),
    ['./a.js', './c.js', '../b.js']);
});
