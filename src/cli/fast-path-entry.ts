// What bin/run.cjs needs before deciding whether oclif must load: bundled by the build into one
// CommonJS file (dist/fast-path.cjs), since each ES module node loads costs start-up time.
export { answerFromCache } from './fast-path.js';
export { parseFastRequest } from './fast-flags.js';
export { normalizeArgv } from './argv.js';
export { reportFailure } from './report-failure.js';
