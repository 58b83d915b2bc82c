// Work the sign-in bundle's packages do when loaded that awssso's sign-in never uses, moved out of
// its start (profiled with `node --cpu-prof` on `login --json -f -r`, bench/latency):
//   - got imports http2-wrapper (and with it node:http2) for requests made with `http2: true`,
//     which src/http/client.ts never makes: ~9 ms. The bundle gets a stand-in that says so if
//     anything ever asks for it.
//   - @sindresorhus/is (got's type checks) builds two Intl.ListFormat objects at load for its
//     assertion messages; the first Intl object loads ICU's locale data: ~20 ms. They are built
//     when a message first needs them instead.
// Each rewrite checks that it still finds what it rewrites: after an upgrade that changed it, the
// build stops and names the line to revisit rather than silently losing the time again.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const http2Standin = fileURLToPath(new URL('http2-wrapper-unused.cjs', import.meta.url));
const LIST_FORMAT = /const (\w+) = new Intl\.ListFormat\(([^;]*)\);/g;

/** The esbuild plugin. */
export const deferUnusedWork = {
  name: 'defer-unused-work',
  setup(build) {
    build.onResolve({ filter: /^http2-wrapper$/ }, (args) => {
      if (!args.importer.includes('/node_modules/got/')) {
        throw new Error(`${args.importer} imports http2-wrapper: scripts/bundle/defer-unused-work.mjs assumes only got does`);
      }
      return { path: http2Standin };
    });
    build.onLoad({ filter: /\/node_modules\/@sindresorhus\/is\/distribution\/index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      let found = 0;
      const contents = source.replace(LIST_FORMAT, (_, name, options) => {
        found++;
        return `let ${name}Built; const ${name} = { format: (list) => (${name}Built ??= new Intl.ListFormat(${options})).format(list) };`;
      });
      if (found !== 2) {
        throw new Error(`${args.path}: expected its two Intl.ListFormat objects, found ${found}; revisit scripts/bundle/defer-unused-work.mjs`);
      }
      return { contents, loader: 'js' };
    });
  },
};
