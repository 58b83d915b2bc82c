// The Python awssso kept a user's password in the OS keyring with Python's `keyring` library:
// service `awssso.<start URL host>.credentials`, account the username. Read so that its users
// upgrade without typing the password again; the caller moves it under awssso's own name.
import type { AsyncEntry } from '@napi-rs/keyring';

async function entry(startUrl: string, username: string): Promise<AsyncEntry> {
  const { AsyncEntry } = await import('@napi-rs/keyring');
  // Python's keyring writes the attributes service and username (and application), which is what this entry matches.
  return new AsyncEntry(`awssso.${new URL(startUrl).hostname}.credentials`, username, { linux: { store: 'secret-service' } });
}

/** The Python awssso's stored password of `username` at `startUrl`, and how to remove it once kept elsewhere. */
export async function findPythonAwsssoPassword(startUrl: string, username: string): Promise<{ password: string; forget(): Promise<void> } | undefined> {
  const old = await entry(startUrl, username);
  const password = (await old.getPassword().catch(() => undefined)) ?? undefined;
  return password === undefined ? undefined : { password, forget: async () => void (await old.deletePassword()) };
}
