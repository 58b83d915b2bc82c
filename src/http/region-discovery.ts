// The IAM Identity Center region of a start URL, for `configure` to propose: a newer portal names
// it in its host (ssoins-….portal.<region>.app.aws); an awsapps.com portal redirects a browser
// with no session to the sign-in host <region>.signin.aws, so its redirects are followed (as AWS
// CLI 2.35 does, docs/protocol.md §1) until a host names a region. The hop that names it is not
// requested. Any failure means "no proposal", never an error.
import type { Got } from 'got';
import { isAwsHost, regionOfHost } from './aws-hosts.js';

const MAX_HOPS = 5;

export async function discoverRegion(http: Got, startUrl: string): Promise<string | undefined> {
  let url = new URL(startUrl);
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const named = regionOfHost(url.hostname);
    if (named) return named;
    if (hop > 0 && !isAwsHost(url.hostname)) return undefined;
    let location: string | undefined;
    try {
      const response = await http.get(url, {
        followRedirect: false, throwHttpErrors: false, retry: { limit: 0 }, timeout: { request: 5_000 }, context: { operation: 'start URL' },
      });
      location = response.headers.location;
    } catch {
      return undefined;
    }
    if (!location) return undefined;
    url = new URL(location, url);
  }
  return undefined;
}
