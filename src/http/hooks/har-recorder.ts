// Collects every exchange a got instance makes as HAR 1.2 entries, redacted as they are taken,
// so a recording can be saved and shared without a secret in it.
import type { AfterResponseHook, BeforeRedirectHook, Options, PlainResponse } from 'got';
import type { Entry, Har, QueryString } from 'har-format';
import { redactBody, redactUrl } from '../../recording/redact.js';
import { cookieNames, harHeaders } from '../../recording/har.js';
import { version } from '../version.js';

/** What got sent as the body: `json`, `form` or a string/Buffer `body`. */
function sentBody(options: Options): { mimeType: string; text: string } | undefined {
  const contentType = String(options.headers['content-type'] ?? '');
  if (options.json !== undefined) {
    return { mimeType: contentType || 'application/json', text: redactBody(JSON.stringify(options.json)) };
  }
  if (options.form !== undefined) {
    const text = new URLSearchParams(options.form as Record<string, string>).toString();
    return { mimeType: contentType || 'application/x-www-form-urlencoded', text: redactBody(text) };
  }
  if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) {
    return { mimeType: contentType, text: redactBody(options.body.toString()) };
  }
  return undefined;
}

function harEntry(response: PlainResponse, bodyText: string): Entry {
  const options = response.request.options;
  const url = new URL(redactUrl((options.url as URL).toString()));
  const queryString: QueryString[] = [...url.searchParams].map(([name, value]) => ({ name, value }));
  const requestHeaders = harHeaders(options.headers);
  const postData = sentBody(options);
  const timings = response.timings;
  const phases = timings.phases;
  const setCookie = response.headers['set-cookie'] ?? [];
  return {
    startedDateTime: new Date(timings.start).toISOString(),
    time: phases.total ?? 0,
    request: {
      method: options.method,
      url: url.toString(),
      httpVersion: 'HTTP/1.1',
      cookies: cookieNames(options.headers.cookie as string | undefined),
      headers: requestHeaders,
      queryString,
      ...(postData ? { postData } : {}),
      headersSize: -1,
      // the size that went out, not that of the redacted text
      bodySize: postData ? Number(options.headers['content-length'] ?? -1) : 0,
    },
    response: {
      status: response.statusCode,
      statusText: response.statusMessage ?? '',
      httpVersion: `HTTP/${response.httpVersion}`,
      cookies: setCookie.flatMap((one) => cookieNames(one.split(';')[0])),
      headers: harHeaders(response.headers),
      content: {
        size: Buffer.byteLength(bodyText),
        mimeType: String(response.headers['content-type'] ?? ''),
        text: bodyText,
      },
      redirectURL: response.headers.location ? redactUrl(response.headers.location) : '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: {
      blocked: phases.wait ?? -1,
      dns: phases.dns ?? -1,
      connect: phases.tcp ?? -1,
      ssl: phases.tls ?? -1,
      send: phases.request ?? 0,
      wait: phases.firstByte ?? 0,
      receive: phases.download ?? 0,
    },
  };
}

export class HarRecorder {
  readonly entries: Entry[] = [];

  /** Final answers, error answers included (got runs these before it throws HTTPError). */
  readonly afterResponse: AfterResponseHook = (response) => {
    this.entries.push(harEntry(response, redactBody(response.rawBody?.toString('utf8') ?? '')));
    return response;
  };

  /** Redirect answers, which never reach afterResponse; their bodies are not read. */
  readonly beforeRedirect: BeforeRedirectHook = (_options, response) => {
    this.entries.push(harEntry(response, ''));
  };

  toHar(comment?: string): Har {
    return {
      log: {
        version: '1.2',
        creator: { name: 'awssso', version },
        entries: this.entries,
        ...(comment ? { comment } : {}),
      },
    };
  }
}
