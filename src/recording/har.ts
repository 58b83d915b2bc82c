// The pieces of a HAR 1.2 entry that both recorders build the same way (the HTTP client's hook and
// the browser's network log): headers with secrets redacted, cookies by name only.
import type { Header } from 'har-format';
import { REDACTED, redactHeader } from './redact.js';

type HeaderMap = Record<string, string | string[] | undefined>;

/**
 * Headers as HAR lists them, one entry per value (node gives repeated headers as arrays, Chrome
 * joins them with newlines), each redacted and then passed through `scrub`.
 */
export function harHeaders(headers: HeaderMap | undefined, scrub: (text: string) => string = (text) => text): Header[] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : value === undefined ? [] : String(value).split('\n'))
      .map((one) => ({ name, value: scrub(redactHeader(name, one)) })));
}

/** The cookies of a Cookie header (or one Set-Cookie), by name; their values are never kept. */
export function cookieNames(header: string | undefined): { name: string; value: string }[] {
  return (header ?? '').split(/;\s*/).map((pair) => pair.split('=')[0]!.trim()).filter(Boolean)
    .map((name) => ({ name, value: REDACTED }));
}
