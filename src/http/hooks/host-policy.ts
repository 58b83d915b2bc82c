// Refuses, before any byte leaves, requests and redirects to hosts outside the AWS families
// and the loopback endpoints the user configured: a password or token must never reach them.
import type { BeforeRedirectHook, BeforeRequestHook } from 'got';
import { AwsssoError } from '../../errors.js';
import { isAwsHost, isLoopbackHost } from '../aws-hosts.js';

export class HostRefused extends AwsssoError {}

/** Throws HostRefused unless `url` may be contacted. `allowedOrigins` are exact origins. */
export function checkHost(url: URL, allowedOrigins: readonly string[], what = 'a request'): void {
  const host = url.hostname;
  if (url.protocol === 'http:' && !isLoopbackHost(host)) {
    throw new HostRefused(`refusing ${what} to ${host}: plain http:// is allowed only for loopback hosts`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new HostRefused(`refusing ${what} to ${url.protocol}//${host}: only https:// is allowed`);
  }
  if (allowedOrigins.includes(url.origin)) return;
  if (url.protocol === 'https:' && isAwsHost(host)) return;
  throw new HostRefused(`refusing ${what} to ${host}: not an AWS sign-in, portal or federation host`);
}

export function hostPolicyHooks(allowedOrigins: readonly string[]): {
  beforeRequest: BeforeRequestHook;
  beforeRedirect: BeforeRedirectHook;
} {
  const origins = allowedOrigins.map((origin) => new URL(origin).origin);
  return {
    // Runs for the first request and again for every redirect hop, after got picked the cookies
    // but before it opens a socket.
    beforeRequest: (options) => checkHost(options.url as URL, origins),
    // Says "redirect" in the error, before got builds the next request.
    beforeRedirect: (options) => checkHost(options.url as URL, origins, 'a redirect'),
  };
}
