// The per-workflow RSA key of the password service, and decryption of the password JWE
// (docs/protocol.md §2 password encryption [code x3]): the context names issuer and audience
// bare; the claims must carry them prefixed with the region, as the live page's encryptor does.
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { uuid } from './ids.js';

export interface WorkflowKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, string>;
}

const makeKeyPair = () => promisify(generateKeyPair)('rsa', { modulusLength: 2048 });

/**
 * Key pairs made ahead, in the background: making one takes 50-600 ms here, a cost of the
 * emulator that no sign-in against the live service waits for, and that would otherwise weigh on
 * every timed sign-in (HTTP or browser alike). Each workflow still gets a key of its own.
 */
const spare: ReturnType<typeof makeKeyPair>[] = [];
const SPARE_KEYS = 2;

export async function newWorkflowKey(): Promise<WorkflowKey> {
  const next = spare.shift() ?? makeKeyPair();
  while (spare.length < SPARE_KEYS) spare.push(makeKeyPair());
  const { publicKey, privateKey } = await next;
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = uuid();
  return { kid, privateKey, publicJwk: { kty: 'RSA', kid, n: String(jwk.n), e: String(jwk.e) } };
}

/** What get-identity-user's answer tells the client about encrypting the password. */
export function encryptionContext(key: WorkflowKey, region: string) {
  return {
    publicKey: { ...key.publicJwk, alg: 'RSA-OAEP-256' },
    issuer: 'signin',
    audience: 'AWSPasswordService',
    region,
  };
}

export class JweRejected extends Error {}

const EXPECTED_HEADER = { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'enc', typ: 'application/aws+signin+jwe' };
const CLOCK_SKEW_S = 60;

/** Decrypts a password JWE and returns the `password` claim; JweRejected says what was wrong. */
export async function decryptPassword(jwe: string, key: WorkflowKey, region: string): Promise<string> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwe) as Record<string, unknown>;
  } catch {
    throw new JweRejected('the password is not a compact JWE');
  }
  for (const [name, value] of Object.entries({ ...EXPECTED_HEADER, kid: key.kid })) {
    if (header[name] !== value) throw new JweRejected(`the JWE header ${name} must be ${value}`);
  }
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(jwe, key.privateKey, {
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
    }));
  } catch {
    throw new JweRejected('the JWE does not decrypt with this workflow\'s key');
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(plaintext)) as Record<string, unknown>;
  } catch {
    throw new JweRejected('the JWE payload is not JSON');
  }
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== `${region}.signin`) throw new JweRejected(`the JWE claim iss must be ${region}.signin`);
  if (claims.aud !== `${region}.AWSPasswordService`) throw new JweRejected(`the JWE claim aud must be ${region}.AWSPasswordService`);
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_S < now) throw new JweRejected('the JWE has expired (claim exp)');
  if (typeof claims.iat !== 'number' || claims.exp - claims.iat > 300) throw new JweRejected('the JWE claims iat/exp must span at most 300 s');
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_S > now) throw new JweRejected('the JWE is not valid yet (claim nbf)');
  if (typeof claims.jti !== 'string') throw new JweRejected('the JWE claim jti is missing');
  if (typeof claims.password !== 'string') throw new JweRejected('the JWE claim password is missing');
  return claims.password;
}
