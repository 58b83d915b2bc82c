// The secret store used when no OS keyring answers: one 0600 file, AES-256-GCM. The key
// derivation fits what it protects: scrypt for a passphrase (a person's guessable words must be
// slow to try), HKDF-SHA256 for the machine key (its input is no password: a slow KDF would
// protect nothing and cost every run ~100 ms and 32 MiB). Files that earlier versions wrote with
// scrypt for the machine key are read, then rewritten with HKDF.
//
// What it protects against, honestly: with AWSSSO_FILE_PASSPHRASE the file is as strong as the
// passphrase. Without one, the key comes from this machine's id (/etc/machine-id, else the
// hostname) and the user id: the file is useless when copied elsewhere alone (a backup, a synced
// home), but anyone who can read your home on this machine can also read the machine id and
// decrypt it. The 0600 mode is what guards it there, as it guards ~/.aws/credentials.
import { createCipheriv, createDecipheriv, hkdf, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { withLock } from './lock.js';
import type { SecretStore } from './secret-store.js';

type KeySource = 'passphrase' | 'machine';

interface ScryptParams {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
}

type KdfParams = ScryptParams | { kdf: 'hkdf-sha256' };

type SecretHeader = KdfParams & {
  version: 1;
  salt: string;
  keySource: KeySource;
};

type SecretFile = SecretHeader & {
  iv: string;
  tag: string;
  data: string;
};

/** How each key source's key is derived when the file is written. */
const KDF: Record<KeySource, KdfParams> = {
  passphrase: { kdf: 'scrypt', N: 2 ** 15, r: 8, p: 1 },
  machine: { kdf: 'hkdf-sha256' },
};
const HKDF_INFO = 'awssso secrets.enc';
/** scrypt needs 128·N·r bytes (32 MiB here); Node's default ceiling is exactly that, so raise it. */
const MAXMEM = 64 * 1024 * 1024;
/** Held during read-modify-write, so that concurrent processes keep each other's entries. */
const FILE_LOCK = 'secret file';

function machineSecret(): string {
  let id = '';
  for (const path of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      id = readFileSync(path, 'utf8').trim();
      if (id) break;
    } catch {
      // not on this system
    }
  }
  const user = process.getuid?.() ?? userInfo().username;
  return `awssso:${id || hostname()}:${user}`;
}

function deriveKey(secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (params.kdf === 'hkdf-sha256') {
      hkdf('sha256', secret, salt, HKDF_INFO, 32, (err, key) => (err ? reject(err) : resolve(Buffer.from(key))));
      return;
    }
    const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: MAXMEM };
    scrypt(secret, salt, 32, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** The KDF fields of a file's header, only those of its KDF. */
function kdfOf(file: KdfParams): KdfParams {
  return file.kdf === 'scrypt' ? { kdf: 'scrypt', N: file.N, r: file.r, p: file.p } : { kdf: file.kdf };
}

const isKdf = (file: Partial<SecretFile>): boolean =>
  file.kdf === 'hkdf-sha256' || (file.kdf === 'scrypt' && [file.N, file.r, file.p].every(Number.isInteger));

/**
 * The header fields, in a fixed order, authenticated with the data so they cannot be swapped
 * (scrypt's cost fields are null for HKDF: the order and the files of before 0.2 stay as they were).
 */
function aad(file: SecretHeader): Buffer {
  const cost = file.kdf === 'scrypt' ? [file.N, file.r, file.p] : [null, null, null];
  return Buffer.from(JSON.stringify([file.version, file.kdf, ...cost, file.salt, file.keySource]));
}

export class FileSecretStore implements SecretStore {
  readonly kind = 'file' as const;
  private readonly keys = new Map<string, Promise<Buffer>>();

  constructor(
    readonly path: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async get(name: string): Promise<string | undefined> {
    const loaded = await this.load();
    const { keySource, kdf } = loaded?.file ?? {};
    if (keySource === this.keySourceNow() && kdf !== KDF[keySource].kdf) await this.migrate();
    return loaded?.entries[name];
  }

  /**
   * Rewrites a file that an earlier version wrote (scrypt for the machine key) with today's KDF.
   * Best effort: the secret was read, and a file that cannot be rewritten now is read the old way
   * next time.
   */
  private async migrate(): Promise<void> {
    await this.update(() => true).catch(() => undefined);
  }

  async set(name: string, value: string): Promise<void> {
    await this.update((entries) => {
      entries[name] = value;
      return true;
    });
  }

  async delete(name: string): Promise<void> {
    await this.update((entries) => Object.hasOwn(entries, name) && delete entries[name]);
  }

  /** The key source a write uses now. */
  private keySourceNow(): KeySource {
    return this.env.AWSSSO_FILE_PASSPHRASE ? 'passphrase' : 'machine';
  }

  private secretFor(source: KeySource): string {
    if (source === 'machine') return machineSecret();
    const passphrase = this.env.AWSSSO_FILE_PASSPHRASE;
    if (!passphrase) throw new ConfigError(`${this.path} is locked with a passphrase: set AWSSSO_FILE_PASSPHRASE`);
    return passphrase;
  }

  private key(source: KeySource, salt: string, params: KdfParams): Promise<Buffer> {
    const secret = this.secretFor(source);
    const id = JSON.stringify([source, secret, salt, params]);
    let key = this.keys.get(id);
    if (!key) {
      key = deriveKey(secret, Buffer.from(salt, 'base64'), params);
      this.keys.set(id, key);
    }
    return key;
  }

  /** The decrypted entries, with the header to reuse when writing back; undefined when there is no file. */
  private async load(): Promise<{ entries: Record<string, string>; file: SecretFile } | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ConfigError(`cannot read ${this.path}: ${(err as Error).message}`);
    }
    const damaged = () => new ConfigError(`${this.path} is damaged: remove it (the secrets in it are lost) and run \`awssso configure\``);
    let file: SecretFile;
    try {
      file = JSON.parse(text) as SecretFile;
    } catch {
      throw damaged();
    }
    if (file?.version !== 1 || !isKdf(file) || !['passphrase', 'machine'].includes(file.keySource)) throw damaged();
    const key = await this.key(file.keySource, file.salt, kdfOf(file)).catch((err: unknown) => {
      throw err instanceof ConfigError ? err : damaged();
    });
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
      decipher.setAAD(aad(file));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
      return { entries: JSON.parse(plain.toString('utf8')) as Record<string, string>, file };
    } catch {
      throw new ConfigError(
        file.keySource === 'passphrase'
          ? `cannot decrypt ${this.path}: AWSSSO_FILE_PASSPHRASE is not the passphrase it was written with`
          : `cannot decrypt ${this.path}: it was written on another machine or by another user; remove it to start afresh`,
      );
    }
  }

  /** Read-modify-write under the lock; an unreadable file is never overwritten. `change` says whether it changed anything. */
  private async update(change: (entries: Record<string, string>) => boolean): Promise<void> {
    await withLock(
      FILE_LOCK,
      async () => {
        const current = await this.load();
        const entries = current?.entries ?? {};
        if (!change(entries)) return;
        const keySource = this.keySourceNow();
        const kdf = KDF[keySource];
        // Same salt while the key source and KDF stay (its key is cached); a fresh one when either changes.
        const same = current?.file.keySource === keySource && current.file.kdf === kdf.kdf;
        const salt = same ? current!.file.salt : randomBytes(16).toString('base64');
        const header = { version: 1, ...kdf, salt, keySource } as const;
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', await this.key(keySource, salt, kdf), iv);
        cipher.setAAD(aad(header));
        const data = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()]);
        const file: SecretFile = { ...header, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
        await writeFileAtomic(this.path, `${JSON.stringify(file)}\n`, 0o600);
      },
      { env: this.env },
    );
  }
}
