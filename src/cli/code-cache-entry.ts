// How bin/run.cjs loads the two fast paths past the cache (dist/code-cache.cjs, node built-ins only).
export { requireWithCodeCache } from './code-cache.js';
