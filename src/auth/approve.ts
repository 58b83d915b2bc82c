// Approves a waiting AWS tool with the profile's portal session (docs/protocol.md §6): a device
// code through accept_user_code + associate_token, or a PKCE /authorize URL through
// authentication_result + associate_token, whose final redirect goes to the tool's own loopback
// listener. What is approved is shown before associate_token, which consumes the request.
import type { Consent } from '../http/wire-shapes.js';
import type { OidcClient } from '../http/oidc.js';
import type { RunOptions } from './run-options.js';
import type { ApprovalTarget } from './approval-target.js';
import type { PortalAccess } from './portal-access.js';
import { AwsssoError, ConfigError, SignInRejected } from '../errors.js';
import { oidcEndpoint } from '../http/endpoints.js';

/** Asked after the consent is shown; false: nothing is approved. */
export type Confirm = (consent: Consent) => Promise<boolean>;

export async function oidcClientFor(run: RunOptions, access: PortalAccess): Promise<OidcClient> {
  const { OidcClient } = await import('../http/oidc.js');
  return new OidcClient(access.httpClient, oidcEndpoint(run.profile.region, run.env));
}

function describe(consent: Consent): string {
  const who = consent.clientName ? `${consent.clientName} (client ${consent.clientId})` : `client ${consent.clientId}`;
  return `${who}${consent.scopes.length ? ` with scopes ${consent.scopes.join(' ')}` : ''}`;
}

/** The service's refusals of the approval itself, as one line that says what to do. */
async function refusalsExplained<T>(run: RunOptions, what: string, fn: () => Promise<T>): Promise<T> {
  const { OidcError } = await import('../http/oidc.js');
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof OidcError)) throw err;
    const { profile } = run;
    if (/Forbidden|AccessDenied|access_denied/.test(err.error)) {
      throw new SignInRejected(`IAM Identity Center denied ${what} for ${profile.username}; ask your administrator to allow it`);
    }
    throw new SignInRejected(`${what} is unknown or has expired at ${profile.url} (${err.error}); `
      + 'start the AWS tool\'s login again and approve the code it prints now, with the profile of that start URL');
  }
}

async function approveDevice(run: RunOptions, access: PortalAccess, userCode: string, confirm: Confirm): Promise<string> {
  const oidc = await oidcClientFor(run, access);
  return access.withToken(async (token) => {
    const accepted = await refusalsExplained(run, `user code ${userCode}`, () => oidc.acceptUserCode(userCode, token));
    run.inform(`user code ${userCode} asks for ${describe(accepted.consent)}, as ${run.profile.username} at ${run.profile.url}`);
    if (!(await confirm(accepted.consent))) throw new AwsssoError('not approved: nothing was changed');
    await refusalsExplained(run, describe(accepted.consent), () => oidc.associateDeviceCode(accepted, token));
    return `approved user code ${userCode}`;
  });
}

/** The CLI's loopback listener gets the redirect a browser would have followed. */
async function deliver(callback: URL): Promise<void> {
  const { isLoopbackHost } = await import('../http/aws-hosts.js');
  if (callback.protocol !== 'http:' || !isLoopbackHost(callback.hostname)) {
    throw new AwsssoError(`the approval redirects to ${callback.origin}, not a loopback listener; refusing to send the code there`);
  }
  try {
    await fetch(callback, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new AwsssoError(`approved, but the waiting tool's listener at ${callback.host} did not answer (${(err as Error).message}); start its login again`);
  }
}

async function approvePkce(run: RunOptions, access: PortalAccess, authorizeUrl: string, confirm: Confirm): Promise<string> {
  const expected = new URL(oidcEndpoint(run.profile.region, run.env));
  const given = new URL(authorizeUrl);
  if (given.origin !== expected.origin) {
    throw new ConfigError(`the URL is for ${given.host}, but profile ${run.profile.name} uses ${expected.host}; use -p with the profile of that IAM Identity Center`);
  }
  const oidc = await oidcClientFor(run, access);
  return access.withToken(async (token) => {
    const pending = await refusalsExplained(run, 'the authorization request', () => oidc.openAuthorization(authorizeUrl, token, run.profile.url));
    run.inform(`the authorization request asks for ${describe(pending.consent)}, as ${run.profile.username} at ${run.profile.url}`);
    if (!(await confirm(pending.consent))) throw new AwsssoError('not approved: nothing was changed');
    const callback = await refusalsExplained(run, describe(pending.consent), () => oidc.approveAuthorization(pending, token));
    await deliver(callback);
    return `approved the authorization request of client ${pending.consent.clientId}`;
  });
}

/** Approves `target` as the profile's user; returns a line saying what was approved. */
export function approve(run: RunOptions, access: PortalAccess, target: ApprovalTarget, confirm: Confirm): Promise<string> {
  return target.kind === 'device'
    ? approveDevice(run, access, target.userCode, confirm)
    : approvePkce(run, access, target.authorizeUrl, confirm);
}
