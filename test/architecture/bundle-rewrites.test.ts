// The sign-in bundle rewrites two of its packages' sources to spare load-time work a sign-in never
// uses (scripts/bundle/defer-unused-work.mjs). Each rewritten module must answer as the original
// does: both are loaded side by side and asked the same questions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { repoRoot } from '../helpers/paths.js';
import { tempDir } from '../helpers/processes.js';

type Rewrite = (source: string) => string;
let rewrites: { lazyListFormats: Rewrite; ipv6OnlyWithColon: Rewrite };
let dir: { path: string; remove(): Promise<void> };
before(async () => {
  rewrites = (await import(pathToFileURL(join(repoRoot, 'scripts/bundle/defer-unused-work.mjs')).href)) as typeof rewrites;
  dir = await tempDir('awssso-rewrites-');
});
after(() => dir.remove());

/** A CommonJS module from `source`, as if it were the file at `path` (its requires resolve from there). */
function loadAs(path: string, source: string): Record<string, unknown> {
  const mod = new Module(path);
  const wrapper = new Script(Module.wrap(source), { filename: path }).runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(path), mod, path, dirname(path));
  return mod.exports as Record<string, unknown>;
}

/** What `fn` returns, or the error it throws, as one string. */
function outcome(fn: () => unknown): string {
  try {
    return `returns ${JSON.stringify(fn())}`;
  } catch (err) {
    return `throws ${(err as Error).name}: ${(err as Error).message}`;
  }
}

const HOSTS = [
  'example.com', 'Portal.SSO.us-east-1.AmazonAWS.com', '.d-1234567890.awsapps.com', '127.0.0.1', 'localhost', 'xn--bcher-kva.example',
  'bücher.example', '::1', '[::1]', '[::1', '::1]', '2001:db8::1', '2001:DB8:0:0:8:800:200C:417A', '::ffff:192.0.2.1', '[::ffff:192.0.2.1]',
  'fe80::1%25eth0', 'fe80::1%eth0', '[fe80::1%eth0]', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', ':::1', 'a:b', 'host:443', '', ' ',
];

test('tough-cookie with its IPv6 pattern asked only about hosts with a colon answers as the original', () => {
  const path = join(repoRoot, 'node_modules/tough-cookie/dist/index.cjs');
  const original = createRequire(import.meta.url)('tough-cookie') as typeof import('tough-cookie');
  const rewritten = loadAs(path, rewrites.ipv6OnlyWithColon(readFileSync(path, 'utf8'))) as unknown as typeof import('tough-cookie');
  assert.notEqual(rewritten.canonicalDomain, original.canonicalDomain, 'two separate modules');
  for (const host of HOSTS) {
    assert.equal(outcome(() => rewritten.canonicalDomain(host)), outcome(() => original.canonicalDomain(host)), `canonicalDomain(${JSON.stringify(host)})`);
    for (const other of HOSTS) {
      assert.equal(outcome(() => rewritten.domainMatch(host, other)), outcome(() => original.domainMatch(host, other)), `domainMatch(${host}, ${other})`);
    }
  }
  for (const url of ['http://[::1]:8080/', 'http://127.0.0.1/', 'https://portal.sso.eu-west-1.amazonaws.com/x']) {
    const jars = [new original.CookieJar(), new rewritten.CookieJar()];
    const seen = jars.map((jar) => {
      const set = ['a=1', 'b=2; Path=/', `c=3; Domain=${new URL(url).hostname}`].map((cookie) => outcome(() => jar.setCookieSync(cookie, url)?.toString()));
      return [...set, jar.getCookieStringSync(url)].join(' | ');
    });
    assert.equal(seen[1], seen[0], url);
  }
});

test('@sindresorhus/is with its list formatters built on first use words its messages as the original', async () => {
  const from = join(repoRoot, 'node_modules/@sindresorhus/is/distribution');
  await cp(from, join(dir.path, 'original'), { recursive: true });
  await cp(from, join(dir.path, 'rewritten'), { recursive: true });
  const index = join(dir.path, 'rewritten', 'index.js');
  await writeFile(index, rewrites.lazyListFormats(await readFile(index, 'utf8')));
  await writeFile(join(dir.path, 'package.json'), '{"type":"module"}');
  const [original, rewritten] = await Promise.all(['original', 'rewritten'].map(async (name) =>
    (await import(pathToFileURL(join(dir.path, name, 'index.js')).href)) as typeof import('@sindresorhus/is')));
  const message = (is: typeof import('@sindresorhus/is')) => {
    try {
      is.assert.any([is.default.string, is.default.number], true, null);
      return 'no error';
    } catch (err) {
      return (err as Error).message;
    }
  };
  assert.match(message(original!), /^Expected values which are `string` or `number`\. Received values of types `boolean` and `null`\.$/);
  assert.equal(message(rewritten!), message(original!));
});
