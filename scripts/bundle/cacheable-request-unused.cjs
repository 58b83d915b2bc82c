// Stands in for cacheable-request in dist/fast-path-sign-in.cjs (scripts/bundle/defer-unused-work.mjs):
// got reaches it only for a request made with a `cache`, which awssso never makes. Its CacheError
// class stays, for got's `instanceof` check, and is never met.
'use strict';
function CacheableRequest() {
  throw new Error('awssso caches no HTTP answers: cacheable-request is left out of dist/fast-path-sign-in.cjs');
}
CacheableRequest.CacheError = class CacheError extends Error {};
module.exports = CacheableRequest;
