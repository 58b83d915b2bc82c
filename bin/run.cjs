#!/usr/bin/env node
// Entry point. `awssso login --json` (or `-e`) is answered without oclif when it can be: from the
// role-credential cache by the fast path (one CommonJS file of node built-ins, because an
// ES-module entry alone makes node load its ES-module loader), else with the stored portal
// session by the second fast path, loaded only then. Everything else, and whatever those cannot
// finish, goes to oclif.
'use strict';
const { answerFromCache, parseFastRequest, normalizeArgv } = require('../dist/fast-path.cjs');

const argv = normalizeArgv(process.argv.slice(2));
if (!answerFromCache(argv)) {
  const fetched = parseFastRequest(argv) ? require('../dist/fast-path-fetch.cjs').answerByFetching(argv) : Promise.resolve(false);
  fetched.then((answered) => {
    if (answered) return;
    const { pathToFileURL } = require('node:url');
    return import('@oclif/core').then(({ execute }) => execute({ dir: pathToFileURL(__filename).href, args: argv }));
  });
}
