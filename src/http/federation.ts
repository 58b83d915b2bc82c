// A console sign-in URL from role credentials (docs/protocol.md §7).
import type { Got } from 'got';
import type { AwsssoProfile, RoleCredentials } from '../types.js';
import { federationEndpoint } from './endpoints.js';
import { AwsssoError } from '../errors.js';

export interface ConsoleSigninOptions {
  /** full URL of the federation endpoint, see federationEndpoint() */
  endpoint: string;
  /** shown by the console as where the user came from: the start URL */
  issuer: string;
  /** console page to open; default the console home of the endpoint's partition */
  destination?: string;
  /** 900..43200; omitted for role-chained credentials, which fail with it */
  sessionDurationSeconds?: number;
}

function consoleHome(endpoint: string): string {
  const host = new URL(endpoint).hostname;
  if (host.endsWith('.amazonaws.cn')) return 'https://console.amazonaws.cn/';
  if (host.endsWith('.amazonaws-us-gov.com')) return 'https://console.amazonaws-us-gov.com/';
  return 'https://console.aws.amazon.com/';
}

async function getSigninToken(http: Got, creds: RoleCredentials, endpoint: string, duration?: number) {
  const session = JSON.stringify({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });
  const searchParams = new URLSearchParams({ Action: 'getSigninToken', Session: session });
  if (duration !== undefined) searchParams.set('SessionDuration', String(duration));
  return http.get(endpoint, { searchParams, responseType: 'json', throwHttpErrors: false, context: { operation: 'getSigninToken' } });
}

/** The URL that opens the console signed in; valid 15 minutes. */
export async function consoleSigninUrl(http: Got, creds: RoleCredentials, opts: ConsoleSigninOptions): Promise<string> {
  let response = await getSigninToken(http, creds, opts.endpoint, opts.sessionDurationSeconds);
  // role-chained credentials refuse SessionDuration: try once without it
  if (response.statusCode === 400 && opts.sessionDurationSeconds !== undefined) {
    response = await getSigninToken(http, creds, opts.endpoint);
  }
  const token = (response.body as { SigninToken?: unknown } | undefined)?.SigninToken;
  if (response.statusCode !== 200 || typeof token !== 'string' || !token) {
    throw new AwsssoError(`the console federation endpoint ${new URL(opts.endpoint).host} gave no sign-in token (HTTP ${response.statusCode})`);
  }
  const login = new URL(opts.endpoint);
  login.search = new URLSearchParams({
    Action: 'login',
    Issuer: opts.issuer,
    Destination: opts.destination ?? consoleHome(opts.endpoint),
    SigninToken: token,
  }).toString();
  return login.toString();
}

/** The console sign-in URL for a profile's credentials, at its partition's federation endpoint. */
export function consoleUrlFor(
  http: Got,
  creds: RoleCredentials,
  profile: AwsssoProfile,
  opts: { durationSeconds?: number; env: NodeJS.ProcessEnv },
): Promise<string> {
  return consoleSigninUrl(http, creds, {
    endpoint: federationEndpoint(profile.region, opts.env),
    issuer: profile.url,
    sessionDurationSeconds: opts.durationSeconds,
  });
}
