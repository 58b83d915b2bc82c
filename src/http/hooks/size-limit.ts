// A cap on the size of any answer: got buffers a whole body before handing it over, so a server
// sending 300 MB would cost over a gigabyte of memory. The portal's largest answers (a page of
// 100 accounts, the sign-in page) are tens of kilobytes.
import type { ClientRequest } from 'node:http';
import type { HandlerFunction } from 'got';
import { AwsssoError } from '../../errors.js';

export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

interface Emitter {
  on(event: 'request', listener: (request: ClientRequest) => void): unknown;
  on(event: 'downloadProgress', listener: (progress: { transferred: number; total?: number }) => void): unknown;
}

/** A got handler that ends the request, with a one-line error, as soon as an answer exceeds `maxBytes`. */
export function sizeLimitHandler(maxBytes = MAX_RESPONSE_BYTES): HandlerFunction {
  return (options, next) => {
    const result = next(options);
    const events = result as unknown as Emitter;
    let request: ClientRequest | undefined;
    events.on('request', (sent) => { request = sent; });
    // In promise mode got emits `response` only once the whole body is in; progress comes per chunk,
    // with the declared length as `total`. An error on the request itself is reported as it is
    // (its cause handed back by the client's beforeError hook), and not retried.
    events.on('downloadProgress', ({ transferred, total }) => {
      if (transferred <= maxBytes && (total ?? 0) <= maxBytes) return;
      const host = (options.url as URL | undefined)?.host ?? 'the server';
      request?.destroy(new AwsssoError(`the answer from ${host} is larger than ${maxBytes / 1024 / 1024} MiB; refused`));
    });
    return result;
  };
}
