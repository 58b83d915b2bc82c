// One redacted line per request and per answer, for --debug style logging.
import type { AfterResponseHook, BeforeRequestHook } from 'got';
import { redactUrl } from '../../recording/redact.js';

export function requestLogHooks(log: (line: string) => void): {
  beforeRequest: BeforeRequestHook;
  afterResponse: AfterResponseHook;
} {
  return {
    // a beforeRequest hook that returns a value replaces the response: return nothing
    beforeRequest: (options) => {
      log(`-> ${options.method} ${redactUrl(String(options.url))}`);
    },
    afterResponse: (response) => {
      const { method, url } = response.request.options;
      log(`<- ${response.statusCode} ${method} ${redactUrl(String(url))} (${response.timings.phases.total ?? '?'} ms)`);
      return response;
    },
  };
}
