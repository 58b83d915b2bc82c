// The readers and builders of the wire-shapes table (src/http/wire-shapes.ts) on the shapes of
// docs/protocol.md §2-§4, and the password JWE's claims as a key holder decrypts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactDecrypt, exportJWK, generateKeyPair } from 'jose';
import { isCaptchaChallenge, looksLikeMfa, readSigninError, readSsoToken } from '../../src/http/wire-shapes.js';
import { encryptPassword, type EncryptionContext } from '../../src/signin/http/jwe.js';

test('the captured error body: the reason and words come from the message object, with the rotated handle', () => {
  const body = {
    requestId: 'r', errorCode: null, stepId: 'get-password', workflowStateHandle: 'h2',
    message: { errorCode: 'AUTHENTICATION_FAILED', heading: "Something doesn't compute", text: "We couldn't verify your sign-in credentials.\nPlease try again.", type: 'ERROR' },
    presentationContext: {},
  };
  assert.deepEqual(readSigninError(body), {
    errorCode: 'AUTHENTICATION_FAILED', words: "Something doesn't compute: We couldn't verify your sign-in credentials.",
    stepId: 'get-password', workflowStateHandle: 'h2',
  });
  // the old top-level strings are still read
  assert.deepEqual(readSigninError({ errorCode: 'USER_LOCKED', message: 'Your user is locked.' }), { errorCode: 'USER_LOCKED', words: 'Your user is locked.' });
  assert.deepEqual(readSigninError('<html>'), {});
});

test('a captcha is a non-empty captchaToken or captchaURL; the empty shell of ordinary answers is none', () => {
  assert.equal(isCaptchaChallenge({ captchaToken: '', captchaCDN: '', captchaURL: '', captchaCES: '' }), false);
  assert.equal(isCaptchaChallenge(undefined), false);
  assert.equal(isCaptchaChallenge({ captchaToken: 't', captchaCDN: 'https://cdn' }), true);
  assert.equal(isCaptchaChallenge({ captchaToken: '', captchaURL: 'https://img' }), true);
});

test('MFA-looking steps: by stepId words or an mfaLoginOptionsResponse', () => {
  for (const stepId of ['get-totp-login-credential', 'verify-webauthn', 'get-mfa-choice', 'email-otp']) assert.equal(looksLikeMfa(stepId, {}), true, stepId);
  assert.equal(looksLikeMfa('confirm-account-notice', { mfaLoginOptionsResponse: {} }), true);
  assert.equal(looksLikeMfa('confirm-account-notice', { noticeResponse: {} }), false);
});

test('sso-token: a token, "not authorized" as a 200 without one, or something else', () => {
  assert.deepEqual(readSsoToken({ token: 't', errorMessage: null }), { token: 't' });
  assert.deepEqual(readSsoToken({ token: null, errorMessage: 'User is not authorized yet' }), { notAuthorizedYet: true });
  assert.deepEqual(readSsoToken({ errorMessage: 'Invalid state' }), { unreadable: true, errorMessage: 'Invalid state' });
});

async function claimsFor(context: Omit<EncryptionContext, 'publicKey'>, profileRegion: string): Promise<Record<string, unknown>> {
  const { publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kty: 'RSA' as const, kid: 'k1', alg: 'RSA-OAEP-256' };
  const jwe = await encryptPassword('pw', { ...context, publicKey: jwk }, profileRegion);
  const { plaintext, protectedHeader } = await compactDecrypt(jwe, privateKey);
  assert.deepEqual(protectedHeader, { alg: 'RSA-OAEP-256', kid: 'k1', enc: 'A256GCM', cty: 'enc', typ: 'application/aws+signin+jwe' });
  return JSON.parse(new TextDecoder().decode(plaintext)) as Record<string, unknown>;
}

test('JWE claims: <region>.<issuer> and <region>.<audience> from the bare context, never prefixed twice', async () => {
  const bare = await claimsFor({ issuer: 'signin', audience: 'AWSPasswordService', region: 'eu-west-1' }, 'us-east-1');
  assert.equal(bare.iss, 'eu-west-1.signin');
  assert.equal(bare.aud, 'eu-west-1.AWSPasswordService');
  assert.equal(bare.password, 'pw');
  assert.equal((bare.exp as number) - (bare.iat as number), 300);

  const noRegion = await claimsFor({ issuer: 'signin', audience: 'AWSPasswordService' }, 'ap-south-1');
  assert.deepEqual([noRegion.iss, noRegion.aud], ['ap-south-1.signin', 'ap-south-1.AWSPasswordService']);

  const prefixed = await claimsFor({ issuer: 'us-east-1.signin', audience: 'us-east-1.AWSPasswordService', region: 'us-east-1' }, 'us-east-1');
  assert.deepEqual([prefixed.iss, prefixed.aud], ['us-east-1.signin', 'us-east-1.AWSPasswordService']);
});
