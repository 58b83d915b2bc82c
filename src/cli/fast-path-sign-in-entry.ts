// The third fast path, bundled with its packages (dist/fast-path-sign-in.cjs): bin/run.cjs loads
// it only when the cache and the stored session could not answer.
export { answerBySigningIn } from './fast-path-sign-in.js';
