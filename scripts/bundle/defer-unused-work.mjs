// Work the sign-in bundle's packages do when loaded that awssso's sign-in never uses, moved out of
// its start (profiled with `node --cpu-prof` on `login --json -f -r`, bench/latency):
//   - got imports http2-wrapper (and with it node:http2) for requests made with `http2: true`,
//     and cacheable-request (with keyv, http-cache-semantics and normalize-url, ~85 KB) for
//     requests made with a `cache`; src/http/client.ts sets neither: ~9 ms and ~2 ms. The bundle
//     gets stand-ins (scripts/bundle/*-unused.cjs) that say so if anything ever asks for them.
//   - @sindresorhus/is (got's type checks) builds two Intl.ListFormat objects at load for its
//     assertion messages; the first Intl object loads ICU's locale data: ~20 ms. They are built
//     when a message first needs them instead.
//   - tough-cookie tests every host against a 1,250-character IPv6 pattern, which V8 compiles on
//     first use: ~5 ms before the first request. Every form it accepts has a ':' and no host name
//     has one, so a host without ':' is answered without it (test/architecture/bundle-rewrites.test.ts
//     compares the rewritten module with the original).
// Each rewrite checks that it still finds what it rewrites: after an upgrade that changed it, the
// build stops and names the line to revisit rather than silently losing the time again.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Packages only got imports, for options awssso never sets, and what stands in for each. */
const STAND_INS = {
  'http2-wrapper': 'http2-wrapper-unused.cjs',
  'cacheable-request': 'cacheable-request-unused.cjs',
};
const LIST_FORMAT = /const (\w+) = new Intl\.ListFormat\(([^;]*)\);/g;
const IPV6_PATTERN = /var IP_V6_REGEX_OBJECT = (new RegExp\(`\^\$\{IP_V6_REGEX\}\$`\));/g;

/** Replaces every match of `pattern` in `source`, and insists on finding `expected` of them. */
function rewrite(source, pattern, expected, replacement, where) {
  let found = 0;
  const contents = source.replace(pattern, (...match) => {
    found++;
    return replacement(...match);
  });
  if (found !== expected) {
    throw new Error(`${where}: expected ${expected} match(es) of ${pattern}, found ${found}; revisit scripts/bundle/defer-unused-work.mjs`);
  }
  return contents;
}

/** @sindresorhus/is with its two list formatters built on first use. */
export const lazyListFormats = (source, where = '@sindresorhus/is') => rewrite(source, LIST_FORMAT, 2, (_, name, options) =>
  `let ${name}Built; const ${name} = { format: (list) => (${name}Built ??= new Intl.ListFormat(${options})).format(list) };`, where);

/** tough-cookie asking its IPv6 pattern only about hosts with a ':'. */
export const ipv6OnlyWithColon = (source, where = 'tough-cookie') => rewrite(source, IPV6_PATTERN, 1, (_, regExp) =>
  `var IP_V6_FULL_PATTERN = ${regExp};\nvar IP_V6_REGEX_OBJECT = { test: (host) => String(host).includes(':') && IP_V6_FULL_PATTERN.test(host) };`, where);

/** The esbuild plugin. */
export const deferUnusedWork = {
  name: 'defer-unused-work',
  setup(build) {
    const names = Object.keys(STAND_INS).join('|');
    build.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => {
      if (!args.importer.includes('/node_modules/got/')) {
        throw new Error(`${args.importer} imports ${args.path}: scripts/bundle/defer-unused-work.mjs assumes only got does`);
      }
      return { path: fileURLToPath(new URL(STAND_INS[args.path], import.meta.url)) };
    });
    build.onLoad({ filter: /\/node_modules\/@sindresorhus\/is\/distribution\/index\.js$/ }, async (args) =>
      ({ contents: lazyListFormats(await readFile(args.path, 'utf8'), args.path), loader: 'js' }));
    build.onLoad({ filter: /\/node_modules\/tough-cookie\/dist\/index\.c?js$/ }, async (args) =>
      ({ contents: ipv6OnlyWithColon(await readFile(args.path, 'utf8'), args.path), loader: 'js' }));
  },
};
