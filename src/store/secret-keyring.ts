// Secrets in the OS keyring through @napi-rs/keyring (Keychain, Credential Manager, Secret Service).
// On Linux the Secret Service is required explicitly: the library's default silently falls back
// to the kernel keyring, which forgets everything at reboot.
import { randomBytes } from 'node:crypto';
import type { AsyncEntry as AsyncEntryClass, EntryOptions } from '@napi-rs/keyring';
import type { SecretStore } from './secret-store.js';

const SERVICE = 'awssso';
const OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };
/** Long enough for a person to type the keyring's unlock password when the desktop asks. */
const PROBE_TIMEOUT_MS = 30_000;

export class KeyringSecretStore implements SecretStore {
  readonly kind = 'keyring' as const;

  private constructor(private readonly AsyncEntry: typeof AsyncEntryClass) {}

  private entry(name: string): AsyncEntryClass {
    return new this.AsyncEntry(SERVICE, name, OPTIONS);
  }

  async get(name: string): Promise<string | undefined> {
    return (await this.entry(name).getPassword()) ?? undefined;
  }

  async set(name: string, value: string): Promise<void> {
    await this.entry(name).setPassword(value);
  }

  async delete(name: string): Promise<void> {
    await this.entry(name).deletePassword();
  }

  /** A store whose keyring was not probed: for reads, whose own answer says whether a keyring works. */
  static async unprobed(): Promise<KeyringSecretStore> {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    return new KeyringSecretStore(AsyncEntry);
  }

  /** A store whose keyring just kept and returned a probe value; throws with the reason when none answers. */
  static async open(): Promise<KeyringSecretStore> {
    const store = await KeyringSecretStore.unprobed();
    const { AsyncEntry } = store;
    const probe = new AsyncEntry(SERVICE, `probe:${randomBytes(6).toString('hex')}`, OPTIONS);
    const value = randomBytes(12).toString('hex');
    const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
    await probe.setPassword(value, signal);
    try {
      if ((await probe.getPassword(signal)) !== value) throw new Error('the keyring did not return what it was given');
    } finally {
      await probe.deletePassword(signal);
    }
    return new KeyringSecretStore(AsyncEntry);
  }
}
