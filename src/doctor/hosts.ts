// The portal API, sign-in and OIDC hosts: each resolved, connected to (TLS where https) and
// answering HTTP, through the same client and host allow-list awssso signs in with. The
// sign-in host is the one the portal names, as at a real sign-in. The portal's Date header is
// kept for the clock check.
import type { Got, Response } from 'got';
import { AwsssoError } from '../errors.js';
import { HandOver } from '../signin/contract.js';
import { configuredOrigins, oidcEndpoint, portalEndpoint } from '../http/endpoints.js';
import { portalLogin } from '../signin/http/portal-login.js';
import { skipped, verdict, type Check, type DoctorContext, type Verdict } from './check.js';

const CHECKS = ['portal', 'sign-in', 'oidc'] as const;

/** Any HTTP answer, even a 404, proves name resolution, the connection and TLS. */
async function reach(http: Got, origin: string): Promise<Response> {
  return http.get(`${origin}/`, { throwHttpErrors: false, followRedirect: false });
}

/** The client turns every failure into an AwsssoError already; anything else is said as it is. */
const asAwsssoError = (error: unknown, what: string) =>
  (error instanceof AwsssoError ? error : new AwsssoError(`${what}: ${(error as Error).message}`));

const fixFor = (err: AwsssoError) =>
  /refusing/.test(err.message)
    ? 'awssso talks only to AWS hosts and loopback endpoints you configured: check the start URL, region and AWS_ENDPOINT_URL_*'
    : 'check the network, the firewall and the region';

async function probe(check: string, what: () => Promise<Response>, ctx: DoctorContext): Promise<Verdict> {
  try {
    const res = await what();
    const url = new URL(res.url);
    if (check === 'portal' && res.headers.date) {
      const { start, response } = res.timings;
      // The header has whole seconds: +500 ms centres it; our clock is taken mid-request.
      ctx.portalClock = { date: Date.parse(res.headers.date) + 500, local: (start + (response ?? start)) / 2 };
    }
    return verdict(check, 'ok', `${url.host} answers ${url.protocol === 'https:' ? 'over TLS' : 'over plain HTTP (loopback)'}`);
  } catch (error) {
    const err = asAwsssoError(error, `${check} host`);
    return verdict(check, 'fail', err.message, fixFor(err));
  }
}

export const hosts: Check = async (ctx) => {
  if (!ctx.profile) return CHECKS.map((c) => skipped(c, 'no profile'));
  const { profile, env } = ctx;
  const [{ createHttp }, { CookieJar }] = await Promise.all([import('../http/client.js'), import('tough-cookie')]);
  const http = createHttp({
    cookieJar: new CookieJar(),
    extraAllowedOrigins: configuredOrigins(profile.url, env),
    retry: { limit: 0 },
  });
  const portal = portalEndpoint(profile.region, env);
  const results = [await probe('portal', () => reach(http, portal), ctx)];
  if (results[0]!.status === 'ok') ctx.http = http;
  let signin: Verdict;
  try {
    const login = await portalLogin(http, portal, profile.url, profile.region);
    signin = await probe('sign-in', () => reach(http, login.loginUrl.origin), ctx);
  } catch (error) {
    const err = asAwsssoError(error, 'the portal login');
    if (results[0]!.status === 'fail') signin = skipped('sign-in', 'the portal does not answer');
    // An external identity provider or another sign-in host is no fault: the browser signs in there.
    else if (err instanceof HandOver) signin = verdict('sign-in', 'warn', err.message, 'the browser fallback signs in: see the browser and display checks');
    else signin = verdict('sign-in', 'fail', err.message, fixFor(err));
  }
  results.push(signin, await probe('oidc', () => reach(http, new URL(oidcEndpoint(profile.region, env)).origin), ctx));
  return results;
};
