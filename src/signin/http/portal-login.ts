// Step 1 of the sign-in (docs/protocol.md §2): the portal says where the sign-in workflow
// lives and hands out the CSRF token the token exchange needs later.
import type { Got } from 'got';
import { AwsssoError } from '../../errors.js';
import { HandOver } from '../contract.js';
import { isAwsHost, isLoopbackHost, isSigninHost } from '../../http/aws-hosts.js';
import { directoryFromStartUrl } from '../../http/endpoints.js';
import { canonicalStartUrl } from '../../store/config-read.js';
import { readJsonAnswer } from './json-answer.js';

export interface PortalLogin {
  /** the sign-in page, carrying the first workflowStateHandle */
  loginUrl: URL;
  csrfToken: string;
  /** the d-... path segment of loginUrl: the orgId of the token exchange */
  directoryId: string;
}

/** `https://d-xxx.awsapps.com/start#/` -> `https://d-xxx.awsapps.com/start/#/`, as the portal page sends it. */
const portalRedirectUrl = (startUrl: string) => `${canonicalStartUrl(startUrl)}/#/`;

/** The sign-in must run on <region>.signin.aws (or a loopback test host); anything else goes to a browser. */
function checkSigninHost(loginUrl: URL, region: string): void {
  const host = loginUrl.hostname;
  if (isSigninHost(host, region) || isLoopbackHost(host)) return;
  if (isAwsHost(host)) {
    throw new HandOver('foreign-host', `the sign-in runs on ${host}, not on ${region}.signin.aws; awssso leaves it to a browser`);
  }
  throw new HandOver('external-idp', `the sign-in goes to ${host}, an external identity provider; awssso leaves it to a browser`, true);
}

export async function portalLogin(http: Got, portalEndpoint: string, startUrl: string, region: string): Promise<PortalLogin> {
  const directory = directoryFromStartUrl(startUrl);
  const searchParams = new URLSearchParams();
  if (directory) searchParams.set(directory.name, directory.value);
  searchParams.set('redirect_url', portalRedirectUrl(startUrl));
  const read = await readJsonAnswer(await http.get(`${portalEndpoint.replace(/\/+$/, '')}/login`, {
    searchParams, responseType: 'text', context: { operation: 'the portal login' },
  }));
  if ('page' in read) throw new HandOver('unknown-step', `the portal login answered with ${read.page} where awssso expected JSON`);
  const body = (read.json ?? {}) as { redirectUrl?: unknown; csrfToken?: unknown };
  if (typeof body.redirectUrl !== 'string' || typeof body.csrfToken !== 'string') {
    throw new HandOver('unknown-step', 'the portal login answered in a form awssso does not know');
  }
  let loginUrl: URL;
  try {
    loginUrl = new URL(body.redirectUrl);
  } catch {
    throw new AwsssoError('the portal login answered with a sign-in address that is not a URL');
  }
  checkSigninHost(loginUrl, region);
  const directoryId = /\/(d-[0-9a-f]{10})(?:\/|$)/.exec(loginUrl.pathname)?.[1];
  if (!directoryId) {
    throw new HandOver('unknown-step', `the sign-in address on ${loginUrl.hostname} names no directory`);
  }
  return { loginUrl, csrfToken: body.csrfToken, directoryId };
}
