// The Python awssso kept a user's password in the OS keyring with Python's `keyring` library:
// service `awssso.<start URL host>.credentials`, account the username; its portal session token
// under `awssso.<start URL host>.authn-token`. Read so that its users upgrade without typing the
// password again or signing in; the caller moves what it finds under awssso's own names.
import type { AsyncEntry } from '@napi-rs/keyring';

export type PythonAwsssoSecret = 'credentials' | 'authn-token';

/** A secret the Python awssso kept for `username` at `startUrl`, and how to remove it once kept elsewhere. */
export async function findPythonAwsssoSecret(
  kind: PythonAwsssoSecret,
  startUrl: string,
  username: string,
): Promise<{ value: string; forget(): Promise<void> } | undefined> {
  const { AsyncEntry } = await import('@napi-rs/keyring');
  // Python's keyring writes the attributes service and username (and application), which is what this entry matches.
  const old: AsyncEntry = new AsyncEntry(`awssso.${new URL(startUrl).hostname}.${kind}`, username, { linux: { store: 'secret-service' } });
  const value = (await old.getPassword().catch(() => undefined)) ?? undefined;
  return value === undefined ? undefined : { value, forget: async () => void (await old.deletePassword()) };
}
