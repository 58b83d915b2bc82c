// The region `configure` proposes for a start URL: what the portal's redirects say (src/http/region-discovery.ts).
import { CookieJar } from 'tough-cookie';
import { createHttp } from '../http/client.js';
import { configuredOrigins } from '../http/endpoints.js';
import { discoverRegion } from '../http/region-discovery.js';

export function proposedRegion(startUrl: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: configuredOrigins(startUrl, env) });
  return discoverRegion(http, startUrl);
}
