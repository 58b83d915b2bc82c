// Long-lived secrets (password, TOTP seed, portal session): the OS keyring when one answers,
// else an encrypted 0600 file, announced once. AWSSSO_SECRET_STORE=keyring|file forces one.
import { existsSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { secretsFile } from './paths.js';
import type { SecretReader, SecretStore } from './secret-store.js';


export interface OpenSecretStoreOptions {
  /** Prints one line on stderr; called at most once per process, when falling back to the file. */
  warn(line: string): void;
  env?: NodeJS.ProcessEnv;
}

/** Whether a keyring answers is asked once per process: the probe costs three round trips. */
let keyringProbe: Promise<SecretStore | Error> | undefined;
let warned = false;

function probeKeyring(): Promise<SecretStore | Error> {
  keyringProbe ??= import('./secret-keyring.js')
    .then(({ KeyringSecretStore }) => KeyringSecretStore.open())
    .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  return keyringProbe;
}

/** The file store, when its file exists. */
async function existingFile(path: string, env: NodeJS.ProcessEnv): Promise<SecretStore | undefined> {
  return existsSync(path) ? new (await import('./secret-file.js')).FileSecretStore(path, env) : undefined;
}

/**
 * Secrets written to the file while no keyring answered stay readable once one does: a keyring
 * miss looks in the file and moves what it finds into the keyring.
 */
function withFileLeftovers(keyring: SecretStore, path: string, env: NodeJS.ProcessEnv): SecretStore {
  const file = () => existingFile(path, env);
  return {
    kind: 'keyring',
    async get(name) {
      const found = await keyring.get(name);
      if (found !== undefined) return found;
      const leftovers = await file();
      const old = await leftovers?.get(name).catch(() => undefined);
      if (old === undefined) return undefined;
      await keyring.set(name, old);
      await leftovers!.delete(name);
      return old;
    },
    set: (name, value) => keyring.set(name, value),
    async delete(name) {
      await keyring.delete(name);
      // A file we cannot open (another passphrase) cannot be cleaned; the keyring is what counts now.
      await (await file())?.delete(name).catch(() => undefined);
    },
  };
}

function firstLine(err: Error): string {
  const line = err.message.split('\n')[0]!.trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** AWSSSO_SECRET_STORE, checked. */
function forcedStore(env: NodeJS.ProcessEnv): 'keyring' | 'file' | undefined {
  const forced = env.AWSSSO_SECRET_STORE;
  if (forced === 'file' || forced === 'keyring') return forced;
  if (forced) throw new ConfigError(`AWSSSO_SECRET_STORE is "${forced}": it must be keyring or file`);
  return undefined;
}

/**
 * For a run that only reads (the stored-session fast path): the keyring's own answer to a read
 * says whether one works, without the probe's three round trips (70 to 140 ms with
 * gnome-keyring); a miss, or no keyring, reads the file if there is one. Moving leftovers into the
 * keyring and the one-time notice are the full store's, on the next run that writes.
 */
export async function openSecretReader(env: NodeJS.ProcessEnv = process.env): Promise<SecretReader> {
  const path = secretsFile(env);
  const forced = forcedStore(env);
  const file = () => existingFile(path, env);
  if (forced === 'file') return { get: async (name) => (await file())?.get(name) };
  const { KeyringSecretStore } = await import('./secret-keyring.js');
  const keyring = await KeyringSecretStore.unprobed();
  return {
    async get(name) {
      try {
        const found = await keyring.get(name);
        if (found !== undefined) return found;
      } catch (err) {
        if (forced === 'keyring') throw err;
      }
      return (await file())?.get(name);
    },
  };
}

export async function openSecretStore(opts: OpenSecretStoreOptions): Promise<SecretStore> {
  const env = opts.env ?? process.env;
  const path = secretsFile(env);
  const forced = forcedStore(env);
  const { FileSecretStore } = await import('./secret-file.js');
  if (forced === 'file') return new FileSecretStore(path, env);
  const keyring = await probeKeyring();
  if (!(keyring instanceof Error)) return withFileLeftovers(keyring, path, env);
  if (forced === 'keyring') {
    throw new ConfigError(`AWSSSO_SECRET_STORE=keyring, but no keyring answered: ${firstLine(keyring)}`);
  }
  // Announced when the file is about to be created, not on every run that keeps using it.
  if (!warned && !existsSync(path)) {
    warned = true;
    // Why the keyring failed is the library's long story: only worth it when debugging.
    const why = env.AWSSSO_DEBUG ? ` (${firstLine(keyring)})` : '';
    opts.warn(
      `no OS keyring answered${why}; keeping secrets encrypted in ${path} (mode 0600). ` +
        'Run a Secret Service such as gnome-keyring for a keyring, or set AWSSSO_SECRET_STORE=file to silence this.',
    );
  }
  return new FileSecretStore(path, env);
}
