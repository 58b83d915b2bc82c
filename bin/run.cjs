#!/usr/bin/env node
// Entry point. `awssso login --json` (or `-e`) is answered without oclif when it can be, each step
// loading more only when the one before could not answer: the role-credential cache (one CommonJS
// file of node built-ins, because an ES-module entry alone makes node load its ES-module loader),
// then the stored portal session (node's http; not with -f, which asks for a new sign-in), then the
// login command's own code bundled with its packages (a sign-in). The last two load with the code
// V8 compiled for them on an earlier run (src/cli/code-cache.ts). Everything else goes to oclif.
'use strict';
// Node 22.1+ keeps what it compiled on disk (the temp dir's node-compile-cache) and reuses it
// on the next start: bench/compile-cache.ts measures what that gives. Node 20 has no such call.
require('node:module').enableCompileCache?.();
const { answerFromCache, parseFastRequest, normalizeArgv, reportFailure } = require('../dist/fast-path.cjs');

const argv = normalizeArgv(process.argv.slice(2));
if (!answerFromCache(argv)) {
  const req = parseFastRequest(argv);
  const answered = req ? answerWithoutOclif(req) : Promise.resolve(false);
  answered.then((done) => {
    if (done) return;
    const { pathToFileURL } = require('node:url');
    return import('@oclif/core').then(({ execute }) => execute({ dir: pathToFileURL(__filename).href, args: argv }));
  }, (err) => {
    // A fast path fails only where printing fails: one line, as the command would say it.
    process.exitCode = reportFailure(err instanceof Error ? err : new Error(String(err)));
  });
}

function answerWithoutOclif(req) {
  const { requireWithCodeCache } = require('../dist/code-cache.cjs');
  const bundle = (name) => requireWithCodeCache(require('node:path').join(__dirname, '../dist', name));
  const fetched = req.forceRefresh ? Promise.resolve(false) : bundle('fast-path-fetch.cjs').answerByFetching(argv);
  return fetched.then((done) => done || bundle('fast-path-sign-in.cjs').answerBySigningIn(argv));
}
