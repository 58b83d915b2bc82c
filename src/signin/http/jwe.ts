// The password travels as a compact JWE to the key the get-identity-user answer gave
// (docs/protocol.md §2 [code x3]).
import { randomUUID } from 'node:crypto';
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import { JWE_AUDIENCE, JWE_ISSUER, regionPrefixed } from '../../http/wire-shapes.js';

export interface EncryptionContext {
  publicKey: JWK & { kty: 'RSA'; kid: string };
  issuer?: string;
  audience?: string;
  region?: string;
}

export function readEncryptionContext(workflowResponseData: unknown): EncryptionContext | undefined {
  const data = workflowResponseData as { encryptionContextResponse?: EncryptionContext } | undefined;
  const context = data?.encryptionContextResponse;
  const key = context?.publicKey;
  if (!key || key.kty !== 'RSA' || typeof key.kid !== 'string' || typeof key.n !== 'string' || typeof key.e !== 'string') {
    return undefined;
  }
  return context;
}

/** `region`: the profile's, used when the context names none. */
export async function encryptPassword(password: string, context: EncryptionContext, region: string): Promise<string> {
  const key = await importJWK(context.publicKey, 'RSA-OAEP-256');
  const iat = Math.floor(Date.now() / 1000);
  const signinRegion = context.region || region;
  const claims = {
    iss: regionPrefixed(context.issuer || JWE_ISSUER, signinRegion),
    aud: regionPrefixed(context.audience || JWE_AUDIENCE, signinRegion),
    iat,
    nbf: iat,
    exp: iat + 300,
    jti: randomUUID(),
    password,
  };
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({
      alg: 'RSA-OAEP-256',
      kid: context.publicKey.kid,
      enc: 'A256GCM',
      cty: 'enc',
      typ: 'application/aws+signin+jwe',
    })
    .encrypt(key);
}
