// Stands in for http2-wrapper in dist/fast-path-sign-in.cjs (scripts/bundle/defer-unused-work.mjs):
// got reaches it only for a request made with `http2: true`, which awssso never makes.
'use strict';
const unused = () => {
  throw new Error('awssso sends no HTTP/2 requests: http2-wrapper is left out of dist/fast-path-sign-in.cjs');
};
module.exports = {
  get auto() { return unused(); },
  get globalAgent() { return unused(); },
};
