// The contract every secret store keeps (keyring, encrypted file), and the names secrets are
// stored under. The stores import it; the factory in secrets.ts picks one.
import { identityLabel } from './user-identity.js';

export interface SecretStore {
  kind: 'keyring' | 'file';
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** What a run that only reads secrets needs. */
export type SecretReader = Pick<SecretStore, 'get'>;

export type SecretKind = 'password' | 'totp-seed' | 'portal-session';

/** The name a secret is stored under: `<kind>:<username>@<startUrl>`. */
export function secretName(kind: SecretKind, username: string, startUrl: string): string {
  return `${kind}:${identityLabel({ username, startUrl })}`;
}

