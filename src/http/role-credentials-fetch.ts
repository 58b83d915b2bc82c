// GetRoleCredentials (docs/protocol.md §5) with node's own http/https, for the fast path that
// renews role credentials from a stored portal session: got alone costs ~90 ms to load. The same
// endpoint and host rules as the got client (checkHost). It neither retries nor explains: any
// answer but a readable 200 is an error, and its caller hands over to the full command (got,
// retries, one-line errors, a new sign-in on a 401).
import { createRequire } from 'node:module';
import type { RoleCredentials } from '../types.js';
import { checkHost } from './hooks/host-policy.js';
import { readRoleCredentials } from './credentials-answer.js';
import { userAgent } from './version.js';

/**
 * node's own modules, loaded synchronously: a dynamic import() from the CommonJS bundle starts the
 * ES-module loader (~6 ms). Built-ins resolve from any path.
 */
const builtin = createRequire(process.execPath);

/** The same ceilings as the got client's: connect and answer in 10 s and 30 s at most. */
const TIMEOUT_MS = 30_000;
/** A credentials answer is well under 4 KiB; more is not one. */
const MAX_BODY_BYTES = 64 * 1024;

export interface RoleCredentialsTarget {
  /** the portal API, portalEndpoint() */
  endpoint: string;
  /** configuredOrigins(): exact origins allowed besides the AWS host families */
  allowedOrigins: readonly string[];
  token: string;
  accountId: string;
  roleName: string;
}

export async function fetchRoleCredentials(target: RoleCredentialsTarget): Promise<RoleCredentials> {
  const url = new URL(`${target.endpoint.replace(/\/+$/, '')}/federation/credentials`);
  url.searchParams.set('account_id', target.accountId);
  url.searchParams.set('role_name', target.roleName);
  checkHost(url, target.allowedOrigins.map((origin) => new URL(origin).origin));
  // Only the one the URL needs: tls is the larger part of https.
  const { request } = builtin(url.protocol === 'https:' ? 'node:https' : 'node:http') as typeof import('node:http');
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(url, {
      headers: { 'x-amz-sso_bearer_token': target.token, accept: 'application/json', 'user-agent': userAgent },
      // One request, then exit: no keep-alive socket to wait for.
      agent: false,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GetRoleCredentials: HTTP ${res.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) req.destroy(new Error('GetRoleCredentials: the answer is too large'));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
  return readRoleCredentials(JSON.parse(body));
}
