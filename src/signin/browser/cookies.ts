// Cookies between the HTTP path's jar and the browser, through Chrome's DevTools protocol, so
// that a trusted device earned by either path counts for both. The portal session cookie is
// never copied either way: the session lives in the secret store, not in a cookie file.
import type { CookieJar } from 'tough-cookie';
import type { ChromeDriver } from './driver.js';
import { canonicalStartUrl } from '../../store/config-read.js';

/** The portal session, on the start-URL host (docs/protocol.md §10). */
export const SESSION_COOKIE = 'x-amz-sso_authn';

/** A cookie as Chrome's Network domain gives and takes it. */
export interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** epoch seconds; -1 for a session cookie */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  partitionKey?: unknown;
}

type CdpCookieParam = Omit<CdpCookie, 'expires' | 'domain'> & { expires?: number; domain?: string; url?: string };

async function cdp<T>(driver: ChromeDriver, method: string, params: object = {}): Promise<T> {
  // selenium's typings say string; chromedriver answers with the DevTools result object
  return (await driver.sendAndGetDevToolsCommand(method, params)) as unknown as T;
}

const SAME_SITE = { strict: 'Strict', lax: 'Lax', none: 'None' } as const;

/** The jar's live cookies as Network.setCookie parameters; host-only cookies keep their host. */
export async function jarCookiesForBrowser(jar: CookieJar, now = new Date()): Promise<CdpCookieParam[]> {
  const { Cookie } = await import('tough-cookie');
  const serialized = (await jar.serialize()).cookies;
  return serialized.flatMap((json) => {
    const cookie = Cookie.fromJSON(json);
    if (!cookie || !cookie.domain || cookie.key === SESSION_COOKIE) return [];
    const expiry = cookie.expiryTime(now);
    if (expiry !== undefined && expiry !== Infinity && expiry <= now.getTime()) return [];
    const path = cookie.path ?? '/';
    const sameSite = SAME_SITE[String(cookie.sameSite ?? '').toLowerCase() as keyof typeof SAME_SITE];
    const where = cookie.hostOnly
      ? { url: `${cookie.secure ? 'https' : 'http'}://${cookie.domain}${path}` }
      : { domain: `.${cookie.domain}` };
    return [{
      name: cookie.key,
      value: cookie.value,
      ...where,
      path,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      ...(sameSite ? { sameSite } : {}),
      ...(expiry !== undefined && expiry !== Infinity ? { expires: expiry / 1000 } : {}),
    }];
  });
}

export async function cookiesIntoBrowser(driver: ChromeDriver, jar: CookieJar): Promise<void> {
  // one at a time: a cookie Chrome refuses (SameSite=None without Secure) must not cost the others
  for (const cookie of await jarCookiesForBrowser(jar)) await cdp(driver, 'Network.setCookie', cookie).catch(() => undefined);
}

export async function browserCookies(driver: ChromeDriver): Promise<CdpCookie[]> {
  return (await cdp<{ cookies: CdpCookie[] }>(driver, 'Network.getAllCookies')).cookies;
}

const hostMatches = (cookieDomain: string, host: string) =>
  host === cookieDomain || host.endsWith(`.${cookieDomain}`);

/** Puts the browser's cookies for `hosts` (the sign-in and start-URL hosts it visited) into the jar. */
export async function cookiesIntoJar(cookies: CdpCookie[], hosts: Iterable<string>, jar: CookieJar): Promise<number> {
  const { Cookie } = await import('tough-cookie');
  const wanted = [...hosts];
  let copied = 0;
  for (const c of cookies) {
    const domain = c.domain.replace(/^\./, '');
    const host = wanted.find((one) => hostMatches(domain, one));
    if (!host || c.name === SESSION_COOKIE || c.partitionKey) continue;
    const cookie = new Cookie({
      key: c.name,
      value: c.value,
      // a domain cookie is set with its domain; a host-only one takes the URL's host
      ...(c.domain.startsWith('.') ? { domain } : {}),
      path: c.path,
      secure: c.secure,
      httpOnly: c.httpOnly,
      ...(c.sameSite ? { sameSite: c.sameSite.toLowerCase() } : {}),
      expires: c.expires > 0 ? new Date(c.expires * 1000) : 'Infinity',
    });
    const url = `${c.secure ? 'https' : 'http'}://${c.domain.startsWith('.') ? host : domain}${c.path}`;
    if (await jar.setCookie(cookie, url, { ignoreError: true })) copied++;
  }
  return copied;
}

/** The start URL without its fragment, with and without the trailing slash (the cookie may be scoped to either). */
function startUrlForms(startUrl: string): string[] {
  const bare = canonicalStartUrl(startUrl);
  return [bare, `${bare}/`];
}

/** The portal session cookie on the start-URL host, once the portal has set it. */
export async function sessionCookie(driver: ChromeDriver, startUrl: string): Promise<string | undefined> {
  const { cookies } = await cdp<{ cookies: CdpCookie[] }>(driver, 'Network.getCookies', { urls: startUrlForms(startUrl) });
  const value = cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return value ? value : undefined;
}

/** Removes the session cookie: a stale one must not pass for this sign-in, nor stay on disk. */
export async function forgetSessionCookie(driver: ChromeDriver, startUrl: string): Promise<void> {
  for (const url of startUrlForms(startUrl)) {
    await cdp(driver, 'Network.deleteCookies', { name: SESSION_COOKIE, url });
  }
}
