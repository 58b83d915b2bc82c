// Chrome's own network log (the performance log's Network.* events), read as the sign-in goes:
// it says whether the page is still waiting for an answer (no submit meanwhile), gives the shape
// of what the browser learnt (signin-shape.ts) and, for --record, HAR 1.2 entries redacted the
// same way as the HTTP path's recording. Only the exchanges a sign-in is made of are kept
// (documents, XHR, fetch), not images or scripts; pages' own bodies only when recording.
import type { Entry, Timings } from 'har-format';
import { REDACTED, redactBody, redactJson, redactUrl } from '../../recording/redact.js';
import { cookieNames, harHeaders } from '../../recording/har.js';
import type { ChromeDriver } from './driver.js';

type Headers = Record<string, string>;

interface CdpRequest { url: string; method: string; headers: Headers; postData?: string }
interface CdpTiming {
  requestTime: number; dnsStart: number; dnsEnd: number; connectStart: number; connectEnd: number;
  sslStart: number; sslEnd: number; sendStart: number; sendEnd: number; receiveHeadersEnd: number;
}
interface CdpResponse {
  status: number; statusText: string; headers: Headers; mimeType: string; protocol?: string; timing?: CdpTiming;
}

/** One request (one hop of a redirect chain) as the events describe it. */
export interface Exchange {
  /** Document, XHR or Fetch */
  type: string;
  /** Date.now() when the log first showed it */
  seenAt: number;
  request: CdpRequest;
  wallTime: number;
  /** DevTools monotonic seconds when the request started and when its body was in */
  started: number;
  finished?: number;
  sentHeaders?: Headers;
  response?: CdpResponse;
  receivedHeaders?: Headers;
  body?: { text: string; base64: boolean };
  failed?: string;
}

const KEPT_TYPES = new Set(['Document', 'XHR', 'Fetch']);
const TEXT_MIME = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|[^;]*\+json)/i;
const MAX_BODY = 1 << 20;
/** A request open longer than this is not waited for (a long poll, a lost event). */
const BUSY_MS = 10_000;

async function cdp<T>(driver: ChromeDriver, method: string, params: object): Promise<T> {
  return (await driver.sendAndGetDevToolsCommand(method, params)) as unknown as T;
}

/** Replaces every occurrence of a known secret (and its URL-encoded form) in `text`. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  return out;
}

const JSON_SCRIPT = /(<script\b[^>]*\btype=["']?application\/(?:[\w.-]+\+)?json["']?[^>]*>)([\s\S]*?)(<\/script>)/gi;

/** A page hands values to its script as JSON (the portal's sign-in result, a CSRF token): redacted by key. */
function redactPage(html: string): string {
  return html.replace(JSON_SCRIPT, (whole, open: string, json: string, close: string) => {
    try {
      return open + JSON.stringify(redactJson(JSON.parse(json))).replace(/</g, '\\u003c') + close;
    } catch {
      return whole;
    }
  });
}

function headerValue(headers: Headers | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

function timings(x: Exchange): { time: number; timings: Timings } {
  const t = x.response?.timing;
  if (!t) return { time: 0, timings: { send: 0, wait: 0, receive: 0 } };
  const span = (start: number, end: number) => (start >= 0 && end >= start ? end - start : -1);
  const headersIn = t.requestTime + t.receiveHeadersEnd / 1000;
  const dns = span(t.dnsStart, t.dnsEnd);
  const connect = span(t.connectStart, t.connectEnd);
  const send = Math.max(0, t.sendEnd - t.sendStart);
  const wait = Math.max(0, t.receiveHeadersEnd - t.sendEnd);
  const receive = x.finished ? Math.max(0, (x.finished - headersIn) * 1000) : 0;
  return {
    time: Math.max(0, dns) + Math.max(0, connect) + send + wait + receive,
    timings: { blocked: -1, dns, connect, ssl: span(t.sslStart, t.sslEnd), send, wait, receive },
  };
}

function httpVersion(protocol: string | undefined): string {
  if (!protocol) return 'HTTP/1.1';
  return protocol === 'h2' ? 'HTTP/2' : protocol === 'h3' ? 'HTTP/3' : protocol.toUpperCase();
}

/** One exchange as a HAR entry with every secret redacted. */
function toEntry(x: Exchange, secrets: readonly string[]): Entry {
  const url = new URL(scrub(redactUrl(x.request.url), secrets));
  const sent = x.sentHeaders ?? x.request.headers;
  const received = x.receivedHeaders ?? x.response?.headers;
  const postText = x.request.postData === undefined ? undefined : scrub(redactBody(x.request.postData), secrets);
  const html = /html/i.test(x.response?.mimeType ?? '');
  const bodyText = x.body && !x.body.base64 ? scrub(redactBody(html ? redactPage(x.body.text) : x.body.text), secrets) : '';
  const location = headerValue(received, 'location');
  return {
    startedDateTime: new Date(x.wallTime * 1000).toISOString(),
    ...timings(x),
    request: {
      method: x.request.method,
      url: url.toString(),
      httpVersion: httpVersion(x.response?.protocol),
      cookies: cookieNames(headerValue(sent, 'cookie')),
      headers: harHeaders(sent, (text) => scrub(text, secrets)),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(postText === undefined ? {} : {
        postData: { mimeType: headerValue(sent, 'content-type') ?? '', text: postText },
      }),
      headersSize: -1,
      bodySize: postText === undefined ? 0 : Buffer.byteLength(postText),
    },
    response: {
      status: x.response?.status ?? 0,
      statusText: x.response?.statusText ?? x.failed ?? '',
      httpVersion: httpVersion(x.response?.protocol),
      cookies: (headerValue(received, 'set-cookie') ?? '').split('\n').flatMap((one) => cookieNames(one.split(';')[0])),
      headers: harHeaders(received, (text) => scrub(text, secrets)),
      content: { size: Buffer.byteLength(bodyText), mimeType: x.response?.mimeType ?? '', text: bodyText },
      redirectURL: location ? scrub(redactUrl(location), secrets) : '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    ...(x.failed ? { comment: `failed: ${x.failed}` } : {}),
  };
}

/**
 * Reads the performance log as the sign-in goes and gives HAR entries at the end. Chrome drops
 * a response body when its page goes (a step's answer often navigates at once), unless told to
 * keep bodies outside the renderer; older Chromes without that keep what the polling catches.
 */
export class NetworkLog {
  private readonly open = new Map<string, Exchange>();
  private readonly done: Exchange[] = [];
  /** ExtraInfo events that came before the request they belong to */
  private readonly early = new Map<string, { sent?: Headers; received?: Headers }>();

  /** `pageBodies`: keep documents' bodies too (--record); XHR and fetch answers are always kept */
  private constructor(private readonly driver: ChromeDriver, private readonly pageBodies: boolean) {}

  static async start(driver: ChromeDriver, { pageBodies }: { pageBodies: boolean }): Promise<NetworkLog> {
    await cdp(driver, 'Network.configureDurableMessages', { maxTotalBufferSize: 64 << 20, maxResourceBufferSize: MAX_BODY })
      .catch(() => undefined);
    return new NetworkLog(driver, pageBodies);
  }

  /**
   * A request to the page's own origin (where a sign-in page sends its answers) still waits for
   * its answer, as of the last drain; beacons to other hosts do not hold the sign-in up.
   */
  busy(origin: string, now = Date.now()): boolean {
    return [...this.open.values()].some((x) => now - x.seenAt < BUSY_MS && new URL(x.request.url).origin === origin);
  }

  async drain(): Promise<void> {
    const logs = await this.driver.manage().logs().get('performance');
    for (const log of logs) {
      const { method, params } = (JSON.parse(log.message) as { message: { method: string; params: Record<string, unknown> } }).message;
      if (method.startsWith('Network.')) await this.onEvent(method, params);
    }
  }

  private async onEvent(method: string, p: Record<string, unknown>): Promise<void> {
    const id = p.requestId as string;
    const x = this.open.get(id);
    switch (method) {
      case 'Network.requestWillBeSent':
        return this.onRequest(id, p);
      case 'Network.requestWillBeSentExtraInfo':
        if (x && !x.sentHeaders) x.sentHeaders = p.headers as Headers;
        else this.earlyFor(id).sent = p.headers as Headers;
        return;
      case 'Network.responseReceived':
        if (x) x.response = p.response as CdpResponse;
        return;
      case 'Network.responseReceivedExtraInfo':
        if (x && !x.receivedHeaders) x.receivedHeaders = p.headers as Headers;
        else this.earlyFor(id).received = p.headers as Headers;
        return;
      case 'Network.loadingFinished':
        if (x) {
          x.finished = p.timestamp as number;
          x.body = await this.body(id, x);
          this.close(id, x);
        }
        return;
      case 'Network.loadingFailed':
        if (x) {
          x.failed = p.errorText as string;
          this.close(id, x);
        }
        return;
      default:
        return;
    }
  }

  private onRequest(id: string, p: Record<string, unknown>): void {
    const previous = this.open.get(id);
    if (previous && p.redirectResponse) {
      // a redirect hop reuses the request id: the hop before it ends here, without a body
      previous.response = p.redirectResponse as CdpResponse;
      previous.finished = p.timestamp as number;
      this.close(id, previous);
    }
    const request = p.request as CdpRequest;
    if (!KEPT_TYPES.has(p.type as string) || !/^https?:/.test(request.url)) return;
    const early = this.early.get(id);
    this.early.delete(id);
    this.open.set(id, {
      type: p.type as string,
      seenAt: Date.now(),
      request,
      wallTime: p.wallTime as number,
      started: p.timestamp as number,
      ...(early?.sent ? { sentHeaders: early.sent } : {}),
      ...(early?.received ? { receivedHeaders: early.received } : {}),
    });
  }

  private earlyFor(id: string): { sent?: Headers; received?: Headers } {
    let early = this.early.get(id);
    if (!early) this.early.set(id, (early = {}));
    return early;
  }

  private close(id: string, x: Exchange): void {
    this.open.delete(id);
    this.done.push(x);
  }

  private async body(id: string, x: Exchange): Promise<Exchange['body']> {
    if (!TEXT_MIME.test(x.response?.mimeType ?? '') || (x.type === 'Document' && !this.pageBodies)) return undefined;
    try {
      const got = await cdp<{ body: string; base64Encoded: boolean }>(this.driver, 'Network.getResponseBody', { requestId: id });
      return got.body.length > MAX_BODY ? undefined : { text: got.body, base64: got.base64Encoded };
    } catch {
      // the page went away with its body: the entry keeps its headers
      return undefined;
    }
  }

  /** Every exchange seen, oldest first, as Chrome gave it (values included: for this process only). */
  exchanges(): readonly Exchange[] {
    return [...this.done, ...this.open.values()].sort((a, b) => a.started - b.started);
  }

  /** The exchanges as HAR entries, redacted; `secrets` are values this run knows verbatim. */
  entries(secrets: readonly string[]): Entry[] {
    const known = secrets.filter((secret) => secret.length >= 4);
    return this.exchanges().map((x) => toEntry(x, known));
  }
}
