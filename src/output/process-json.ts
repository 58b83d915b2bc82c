// The credential_process contract (docs/protocol.md §8). Node built-ins only: the fast path prints this.
import type { RoleCredentials } from '../types.js';

/** `YYYY-MM-DDTHH:MM:SSZ`: botocore and the JS SDK both parse it; no milliseconds. */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function formatProcessJson(creds: RoleCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: creds.accessKeyId,
    SecretAccessKey: creds.secretAccessKey,
    SessionToken: creds.sessionToken,
    Expiration: isoSeconds(creds.expiration),
  }) + '\n';
}
