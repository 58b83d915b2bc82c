// Shell lines that put credentials in the environment. Node built-ins only (fast path).
import type { RoleCredentials } from '../types.js';
import { isoSeconds } from './process-json.js';

export const SHELL_FORMATS = ['bash', 'fish', 'powershell'] as const;
export type ShellFormat = (typeof SHELL_FORMATS)[number];

// Each shell's own single-quote rule, total over any string, so no value is ever expanded:
// POSIX shells (bash, zsh, dash) end a single-quoted string only at `'`, and have no escape inside;
// fish takes `\\` and `\'` inside one; PowerShell ends one at `'` and at the typographic quotes
// U+2018-U+201B alike, and reads any of them doubled as one literal character (about_Quoting_Rules).
const posixQuote = (v: string) => `'${v.replaceAll("'", `'\\''`)}'`;
const fishQuote = (v: string) => `'${v.replace(/[\\']/g, '\\$&')}'`;
const powershellQuote = (v: string) => `'${v.replace(/['\u2018-\u201b]/g, '$&$&')}'`;

const LINE: Record<ShellFormat, (name: string, value: string) => string> = {
  bash: (n, v) => `export ${n}=${posixQuote(v)}`,
  fish: (n, v) => `set -gx ${n} ${fishQuote(v)}`,
  powershell: (n, v) => `$Env:${n} = ${powershellQuote(v)}`,
};

/** The variables that hand the credentials to AWS tools, in the order they are printed. */
export function credentialVars(creds: RoleCredentials): [string, string][] {
  return [
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
    ['AWS_SESSION_TOKEN', creds.sessionToken],
    // Read by the JS SDK's fromEnv and by aws-vault-style prompts to show time left.
    ['AWS_CREDENTIAL_EXPIRATION', isoSeconds(creds.expiration)],
  ];
}

export function formatEnv(creds: RoleCredentials, format: ShellFormat = 'bash'): string {
  return credentialVars(creds).map(([n, v]) => LINE[format](n, v)).join('\n') + '\n';
}
