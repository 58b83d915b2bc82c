// TOTP checking with otplib v13: ±1 time step (30 s) of tolerance, as authenticator apps need.
import { createGuardrails, verify } from 'otplib';

// The demo seed JBSWY3DPEHPK3PXP is 10 bytes; otplib refuses secrets under 16 bytes by default.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export async function totpValid(seed: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  try {
    return (await verify({ secret: seed, token: code, guardrails, epochTolerance: 30 })).valid;
  } catch {
    return false;
  }
}
