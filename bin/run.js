#!/usr/bin/env node
// Entry point. A warm `awssso login --json` (or `-e`) is answered from the role-credential cache
// by the fast path, which loads only node built-ins; everything else goes to oclif.
import { answerFromCache } from '../dist/src/cli/fast-path.js';
import { normalizeArgv } from '../dist/src/cli/argv.js';

const argv = normalizeArgv(process.argv.slice(2));
if (!answerFromCache(argv)) {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url, args: argv });
}
