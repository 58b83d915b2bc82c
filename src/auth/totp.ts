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
  const { generate } = await import('otplib');
  return generate({ secret: normalizeSeed(seed) });
}
