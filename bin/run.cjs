#!/usr/bin/env node
// Entry point. A warm `awssso login --json` (or `-e`) is answered from the role-credential cache
// by the fast path: one CommonJS file of node built-ins, because an ES-module entry alone makes
// node load its ES-module loader. Everything else goes to oclif.
'use strict';
const { answerFromCache, normalizeArgv } = require('../dist/fast-path.cjs');

const argv = normalizeArgv(process.argv.slice(2));
if (!answerFromCache(argv)) {
  const { pathToFileURL } = require('node:url');
  import('@oclif/core').then(({ execute }) => execute({ dir: pathToFileURL(__filename).href, args: argv }));
}
