// Serves a HAR recording on a loopback socket, one entry per request, in the recorded order.
// A request the recording does not expect next gets HTTP 599 and is kept as a mismatch; the
// entry stays unconsumed. The recorded origin is rewritten to the replay's own everywhere.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { Entry, Har } from 'har-format';
import { redactBody, redactJson, redactUrl } from '../../src/recording/redact.js';

export interface Replay {
  /** http://127.0.0.1:PORT: stands for every host of the recording */
  url: string;
  close(): Promise<void>;
  /** `METHOD /path` of each entry no request has taken yet */
  unconsumed(): string[];
  /** one line per request the recording did not expect */
  mismatches(): string[];
}

/** Values that differ on every run and say nothing about the flow. */
const VOLATILE_KEYS = new Set(['requestId']);

/** Response headers that describe the recorded connection, not the answer. */
const CONNECTION_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'content-encoding']);

function dropVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropVolatile);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !VOLATILE_KEYS.has(k)).map(([k, v]) => [k, dropVolatile(v)]));
  }
  return value;
}

/** A body as the comparison sees it: redacted JSON without volatile keys, form fields, or text. */
function bodyShape(text: string | undefined, mimeType: string): unknown {
  if (!text) return undefined;
  if (mimeType.includes('json')) {
    try {
      return dropVolatile(redactJson(JSON.parse(text)));
    } catch {
      return redactBody(text);
    }
  }
  if (mimeType.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(redactBody(text)));
  return redactBody(text);
}

interface Shape {
  method: string;
  path: string;
  query: [string, string][];
  body: unknown;
}

function describe(shape: Shape): string {
  const query = shape.query.length ? `?${new URLSearchParams(shape.query)}` : '';
  return `${shape.method} ${shape.path}${query}${shape.body === undefined ? '' : ` ${JSON.stringify(shape.body)}`}`;
}

export async function replayHar(file: string): Promise<Replay> {
  const har = JSON.parse(readFileSync(file, 'utf8')) as Har;
  const entries: Entry[] = har.log.entries;
  const recordedOrigins = [...new Set(entries.map((e) => new URL(e.request.url).origin))];
  let origin = '';
  const rewrite = (text: string) => recordedOrigins.reduce((t, o) => t.split(o).join(origin), text);

  const expected = (entry: Entry): Shape => {
    const url = new URL(entry.request.url);
    return {
      method: entry.request.method,
      path: url.pathname,
      query: [...url.searchParams].map(([k, v]) => [k, rewrite(v)]),
      body: bodyShape(entry.request.postData?.text && rewrite(entry.request.postData.text), entry.request.postData?.mimeType ?? ''),
    };
  };
  const actual = (req: IncomingMessage, body: string): Shape => {
    const url = new URL(redactUrl(req.url ?? '/'), origin);
    return {
      method: req.method ?? '',
      path: url.pathname,
      query: [...url.searchParams],
      body: bodyShape(body, String(req.headers['content-type'] ?? '')),
    };
  };

  let next = 0;
  const mismatches: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const got = actual(req, Buffer.concat(chunks).toString('utf8'));
      const entry = entries[next];
      const want = entry && expected(entry);
      if (!entry || !isDeepStrictEqual(got, want)) {
        const line = `request ${next + 1}: got ${describe(got)}; the recording expects ${want ? describe(want) : 'nothing more'}`;
        mismatches.push(line);
        res.writeHead(599, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `replay mismatch: ${line}` }));
        return;
      }
      next++;
      const { response } = entry;
      for (const { name, value } of response.headers) {
        if (!CONNECTION_HEADERS.has(name.toLowerCase())) res.appendHeader(name, rewrite(value));
      }
      res.statusCode = response.status;
      res.end(rewrite(response.content.text ?? ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
    unconsumed: () => entries.slice(next).map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`),
    mismatches: () => [...mismatches],
  };
}
