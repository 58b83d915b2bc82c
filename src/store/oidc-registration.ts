// awssso's own OIDC client registrations (docs/protocol.md §6), one 0600 file per OIDC endpoint
// and kind of registration, reused until a day before the secret expires (90 days at AWS).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { cacheDir } from './paths.js';

export interface Registration {
  clientId: string;
  clientSecret: string;
  /** epoch seconds, as RegisterClient answers */
  clientSecretExpiresAt: number;
}

const MARGIN_S = 24 * 3600;

const registrationPath = (key: string, env?: NodeJS.ProcessEnv) =>
  join(cacheDir(env), 'oidc', `${createHash('sha1').update(key).digest('hex').slice(0, 20)}.json`);

/** The cached registration for `key` while it has a day left, else a new one from `register`, cached. */
export async function cachedRegistration(key: string, register: () => Promise<Registration>, env?: NodeJS.ProcessEnv): Promise<Registration> {
  const path = registrationPath(key, env);
  try {
    const cached = JSON.parse(await readFile(path, 'utf8')) as Registration & { key?: string };
    if (cached.key === key && cached.clientId && cached.clientSecret && cached.clientSecretExpiresAt - MARGIN_S > Date.now() / 1000) return cached;
  } catch {
    // none yet, or unreadable: register again
  }
  const fresh = await register();
  const { clientId, clientSecret, clientSecretExpiresAt } = fresh;
  await writeFileAtomic(path, `${JSON.stringify({ key, clientId, clientSecret, clientSecretExpiresAt })}\n`);
  return { clientId, clientSecret, clientSecretExpiresAt };
}
