// TOTP seeds as authenticator apps show them, and the codes they make (RFC 6238's SHA-1 vector).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidSeed, normalizeSeed, totpCode } from '../../src/auth/totp.js';

test('a seed is accepted with spaces, dashes, lower case, padding, or as an otpauth:// URI', () => {
  const seed = 'JBSWY3DPEHPK3PXP';
  for (const written of ['jbsw y3dp ehpk 3pxp', 'JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DPEHPK3PXP====',
    'otpauth://totp/AWS:me@example.com?secret=JBSWY3DPEHPK3PXP&issuer=AWS']) {
    assert.equal(normalizeSeed(written), seed);
    assert.ok(isValidSeed(written));
  }
});

test('what is not base32, or too short for an authenticator app, is refused', () => {
  for (const bad of ['', 'JBSWY3DP', 'JBSWY3DPEHPK3PX1', 'not a seed at all!', 'otpauth://totp/x?issuer=AWS']) {
    assert.equal(isValidSeed(bad), false, bad);
  }
});

test('the code is the RFC 6238 one for the seed and the current 30-second step', async () => {
  // 20-byte ASCII "12345678901234567890" in base32, RFC 6238 appendix B (SHA-1)
  const rfcSeed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const realNow = Date.now;
  try {
    Date.now = () => 59_000;
    assert.equal(await totpCode(rfcSeed), '287082');
    Date.now = () => 1_111_111_109_000;
    assert.equal(await totpCode(rfcSeed), '081804');
  } finally {
    Date.now = realNow;
  }
});
