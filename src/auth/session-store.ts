// The portal session lives in the secret store (keyring or encrypted file) with its expiry, so
// no sign-in happens while it is valid.
import type { PortalSession } from '../types.js';
import type { SecretReader, SecretStore } from '../store/secret-store.js';
import { secretName } from '../store/secret-store.js';
import { identityFileId } from '../store/user-identity.js';

/** Margin so a session is not used in its last minute, when a call could outlive it. */
const MARGIN_MS = 60_000;

/** The lock a user's session is read, signed in and saved under, by every process and both paths. */
export function sessionLockName(username: string, startUrl: string): string {
  return `session-${identityFileId({ username, startUrl })}`;
}

/** The stored session while it is usable, from anything that reads secrets; else undefined. */
export async function loadSession(secrets: SecretReader, name: string, now = Date.now()): Promise<PortalSession | undefined> {
  const raw = await secrets.get(name);
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as PortalSession;
    if (typeof session.token === 'string' && session.expiresAt - MARGIN_MS > now) return session;
  } catch {
    // A damaged entry is the same as none: sign in again and overwrite it.
  }
  return undefined;
}

/** The name the portal session of `username` at `startUrl` is stored under. */
export const sessionSecretName = (username: string, startUrl: string) => secretName('portal-session', username, startUrl);

export class SessionStore {
  private readonly name: string;

  constructor(private readonly secrets: SecretStore, username: string, startUrl: string) {
    this.name = sessionSecretName(username, startUrl);
  }

  load(now = Date.now()): Promise<PortalSession | undefined> {
    return loadSession(this.secrets, this.name, now);
  }

  save(session: PortalSession): Promise<void> {
    return this.secrets.set(this.name, JSON.stringify(session));
  }

  clear(): Promise<void> {
    return this.secrets.delete(this.name);
  }
}
