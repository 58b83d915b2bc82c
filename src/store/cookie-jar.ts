// One cookie jar per (username, start URL), kept between runs so that the sign-in service
// remembers this device and does not ask for MFA every time. Cookies are secrets: 0600, atomic.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CookieJar } from 'tough-cookie';
import { writeFileAtomic } from './atomic-write.js';
import { cookiesDir } from './paths.js';
import { identityFileId } from './user-identity.js';

export function cookieJarPath(username: string, startUrl: string, env?: NodeJS.ProcessEnv): string {
  return join(cookiesDir(env), `${identityFileId({ username, startUrl })}.json`);
}

/** The saved jar, or a fresh one (with a warning to show when the file was unreadable). Never throws for a bad file. */
export async function loadCookieJar(path: string): Promise<{ jar: CookieJar; warning?: string }> {
  const { CookieJar } = await import('tough-cookie');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { jar: new CookieJar() };
    return { jar: new CookieJar(), warning: `starting with no cookies: cannot read ${path}: ${(err as Error).message}` };
  }
  try {
    return { jar: await CookieJar.deserialize(text) };
  } catch (err) {
    return { jar: new CookieJar(), warning: `starting with no cookies: ${path} is damaged (${(err as Error).message})` };
  }
}

/** Save the jar atomically, mode 0600 (session cookies too: the portal's sign-in state lives in them). */
export async function saveCookieJar(path: string, jar: CookieJar): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(await jar.serialize())}\n`, 0o600);
}

/** Drops every cookie of that name, whatever its host and path. */
export async function forgetCookie(jar: CookieJar, name: string): Promise<void> {
  for (const cookie of (await jar.serialize()).cookies) {
    const { key, domain, path } = cookie as { key?: unknown; domain?: unknown; path?: unknown };
    if (key === name && typeof domain === 'string' && typeof path === 'string') await jar.store.removeCookie(domain, path, name);
  }
}
