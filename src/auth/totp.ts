// A TOTP code from a stored seed. Seeds are accepted as authenticator apps show them: base32
// with spaces or lower case, or a whole otpauth:// URI.

export function normalizeSeed(seed: string): string {
  const trimmed = seed.trim();
  const fromUri = trimmed.startsWith('otpauth://') ? new URL(trimmed).searchParams.get('secret') ?? '' : trimmed;
  return fromUri.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
}

export function isValidSeed(seed: string): boolean {
  return /^[A-Z2-7]{16,}$/.test(normalizeSeed(seed));
}

export async function totpCode(seed: string): Promise<string> {
  const { generate, createGuardrails } = await import('otplib');
  // Authenticator apps take 10-byte (16-character) seeds, which many issuers hand out; otplib's
  // default floor is 16 bytes. The seed is the issuer's choice, not ours.
  const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
  return generate({ secret: normalizeSeed(seed), guardrails });
}
