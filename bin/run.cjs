#!/usr/bin/env node
// Entry point. A warm `awssso login --json` (or `-e`) is answered from the role-credential cache
// by the fast path: one CommonJS file of node built-ins, because an ES-module entry alone makes
// node load its ES-module loader. Everything else goes to oclif.
'use strict';
// Node 22.1+ keeps what it compiled on disk (the temp dir's node-compile-cache) and reuses it
// on the next start: bench/compile-cache.ts measures what that gives. Node 20 has no such call.
require('node:module').enableCompileCache?.();
const { answerFromCache, normalizeArgv } = require('../dist/fast-path.cjs');

const argv = normalizeArgv(process.argv.slice(2));
if (!answerFromCache(argv)) {
  const { pathToFileURL } = require('node:url');
  import('@oclif/core').then(({ execute }) => execute({ dir: pathToFileURL(__filename).href, args: argv }));
}
