// The second fast path, bundled apart (dist/fast-path-fetch.cjs): bin/run.cjs loads it only when
// the cache could not answer.
export { answerByFetching } from './fast-path-fetch.js';
