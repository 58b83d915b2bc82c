// Fresh random identifiers and secrets in the shapes the real service uses.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

export const uuid = (): string => randomUUID();
export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
export const b64url = (bytes: number): string => randomBytes(bytes).toString('base64url');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function pick(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** Temporary (STS-issued) access key ids start with ASIA and have 20 characters. */
export const accessKeyId = (): string => `ASIA${pick(BASE32, 16)}`;
export const secretAccessKey = (): string => randomBytes(30).toString('base64');
export const sessionToken = (): string => `IQoJb3JpZ2luX2Vj${randomBytes(300).toString('base64')}`;
/** Device user codes: two groups of four letters without look-alikes. */
export const userCode = (): string => `${pick('BCDFGHJKLMNPQRSTVWXZ', 4)}-${pick('BCDFGHJKLMNPQRSTVWXZ', 4)}`;
/** Portal session tokens and OIDC access tokens are long opaque strings. */
export const portalToken = (): string => `aoa${randomBytes(140).toString('base64url')}`;

export const sha256hex = (s: string): string => createHash('sha256').update(s).digest('hex');
/** What the request log shows instead of a token: first 8 hex of its sha256. */
export const tokenTag = (token: string): string => sha256hex(token).slice(0, 8);
/** Stable ids derived from names, so seed-era configs survive emulator restarts. */
export const stableHex16 = (s: string): string => sha256hex(s).slice(0, 16);
