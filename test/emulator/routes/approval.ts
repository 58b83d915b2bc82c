// How a signed-in portal user approves a waiting client (docs/protocol.md §6 [capture]):
// a device code (accept_user_code, associate_token) or a PKCE request (authorize,
// authentication_result, associate_token, authorize again) that ends in a redirect with a code.
import type { Ctx, Emulator, Route } from '../context.js';
import { bearerToken, lookupSession } from '../bearer.js';
import { oidcError, portalError } from '../errors.js';
import { readJson, redirect, sendJson } from '../http.js';
import { b64url } from '../ids.js';
import type { Authorization, Session } from '../state.js';

const AUTHORIZATION_SECONDS = 600;
const CODE_SECONDS = 300;

type Json = Record<string, unknown>;

/** The session named by userSessionId (or the bearer header), or a 401 already sent. */
function approver(ctx: Ctx, token: unknown): Session | undefined {
  const s = lookupSession(ctx, typeof token === 'string' ? token : undefined);
  if (!s) portalError(ctx.res, 'UnauthorizedException', 'Session token not found or invalid');
  return s;
}

async function jsonBody(ctx: Ctx): Promise<Json | undefined> {
  const b = await readJson(ctx.req);
  if (!b) portalError(ctx.res, 'InvalidRequestException', 'The request body must be a JSON object');
  return b;
}

async function acceptUserCode(ctx: Ctx): Promise<void> {
  const b = await jsonBody(ctx);
  if (!b) return;
  if (!approver(ctx, b.userSessionId)) return;
  const code = String(b.userCode ?? '').toUpperCase();
  const entry = [...ctx.emu.state.devices.entries()].find(([, d]) => d.userCode === code && d.expiresAt > Date.now());
  if (!entry) return portalError(ctx.res, 'InvalidRequestException', 'The code is invalid or has expired');
  const d = entry[1];
  d.accepted = true;
  sendJson(ctx.res, 200, { deviceContext: { clientId: d.clientId, clientType: 'public', deviceContextId: d.deviceContextId } });
}

function resumeUrl(emu: Emulator, param: string, value: string): string {
  return `${emu.url}/authorize?${param}=${encodeURIComponent(value)}`;
}

async function associateToken(ctx: Ctx): Promise<void> {
  const b = await jsonBody(ctx);
  if (!b) return;
  const s = approver(ctx, b.userSessionId);
  if (!s) return;
  const { state } = ctx.emu;
  if (typeof b.authorizationResumptionContext === 'string') {
    const a = [...state.authorizations.values()].find((x) => x.resumptionContext === b.authorizationResumptionContext);
    if (!a || a.username !== s.username) return portalError(ctx.res, 'InvalidRequestException', 'Unknown authorizationResumptionContext');
    a.approved = true;
    return sendJson(ctx.res, 200, { location: resumeUrl(ctx.emu, 'authorizationResumptionContext', a.resumptionContext!) });
  }
  const contextId = (b.deviceContext as Json | undefined)?.deviceContextId;
  const d = [...state.devices.values()].find((x) => x.deviceContextId === contextId && x.expiresAt > Date.now());
  if (!d || !d.accepted) return portalError(ctx.res, 'InvalidRequestException', 'Unknown or unaccepted deviceContext');
  d.username = s.username;
  sendJson(ctx.res, 200, {});
}

/** Loopback redirect URIs match whatever their port (RFC 8252 section 7.3). */
function redirectAllowed(registered: string[], uri: string): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  return registered.some((r) => {
    if (r === uri) return true;
    const g = new URL(r);
    return g.hostname === '127.0.0.1' && u.hostname === '127.0.0.1' && g.protocol === u.protocol && g.pathname === u.pathname;
  });
}

function startAuthorization(ctx: Ctx): void {
  const q = ctx.url.searchParams;
  const client = ctx.emu.state.clients.get(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!client) return oidcError(ctx.res, 'invalid_client', 'Unknown client_id');
  if (!client.grantTypes.includes('authorization_code')) return oidcError(ctx.res, 'unauthorized_client', 'The client is not registered for authorization_code');
  if (!redirectAllowed(client.redirectUris, redirectUri)) return oidcError(ctx.res, 'invalid_request', 'redirect_uri is not registered for this client');
  if (q.get('response_type') !== 'code') return oidcError(ctx.res, 'invalid_request', 'response_type must be code');
  const challenge = q.get('code_challenge') ?? '';
  if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return oidcError(ctx.res, 'invalid_request', 'PKCE with code_challenge_method S256 is required');
  }
  // AWS CLI separates scopes with spaces; other clients have been seen using commas.
  const scopes = (q.get('scopes') ?? '').split(/[\s,]+/).filter(Boolean);
  if (scopes.some((x) => !client.scopes.includes(x))) return oidcError(ctx.res, 'invalid_scope', 'A requested scope was not registered');
  const orchestratorId = b64url(24);
  ctx.emu.state.authorizations.set(orchestratorId, {
    clientId: q.get('client_id')!,
    redirectUri,
    state: q.get('state') ?? '',
    codeChallenge: challenge,
    scopes,
    expiresAt: Date.now() + AUTHORIZATION_SECONDS * 1000,
  });
  redirect(ctx.res, `${ctx.emu.startUrl}/?orchestrator_id=${orchestratorId}`);
}

/** After associate_token: the code goes to the client's redirect URI. */
function finishAuthorization(ctx: Ctx, orchestratorId: string, a: Authorization): void {
  const { state } = ctx.emu;
  state.authorizations.delete(orchestratorId);
  const code = b64url(32);
  state.issuedCodes.set(code, {
    clientId: a.clientId,
    redirectUri: a.redirectUri,
    codeChallenge: a.codeChallenge,
    username: a.username!,
    scopes: a.scopes,
    expiresAt: Date.now() + CODE_SECONDS * 1000,
  });
  ctx.note.user = a.username;
  const to = new URL(a.redirectUri);
  to.searchParams.set('code', code);
  to.searchParams.set('state', a.state);
  redirect(ctx.res, to.href);
}

/** GET /authorize: a new request, or the resumption of one (by orchestrator_id or context). */
function authorize(ctx: Ctx): void {
  const q = ctx.url.searchParams;
  const { emu } = ctx;
  if (q.has('orchestrator_id') || q.has('authorizationResumptionContext')) {
    const found = [...emu.state.authorizations.entries()].find(([id, a]) => a.expiresAt > Date.now()
      && (id === q.get('orchestrator_id') || (a.resumptionContext !== undefined && a.resumptionContext === q.get('authorizationResumptionContext'))));
    if (!found) return oidcError(ctx.res, 'invalid_request', 'The authorization request is unknown or has expired');
    const [id, a] = found;
    if (a.username) ctx.note.user = a.username;
    if (!a.username) return redirect(ctx.res, `${emu.startUrl}/?orchestrator_id=${id}`);
    if (a.approved) return finishAuthorization(ctx, id, a);
    a.resumptionContext ??= b64url(32);
    return redirect(ctx.res, `${emu.startUrl}/?authorizationResumptionContext=${encodeURIComponent(a.resumptionContext)}`);
  }
  startAuthorization(ctx);
}

async function authenticationResult(ctx: Ctx): Promise<void> {
  const b = await jsonBody(ctx);
  if (!b) return;
  const s = approver(ctx, bearerToken(ctx));
  if (!s) return;
  const id = String(b.orchestrator_id ?? '');
  const a = ctx.emu.state.authorizations.get(id);
  if (!a || a.expiresAt <= Date.now()) return portalError(ctx.res, 'InvalidRequestException', 'Unknown orchestrator_id');
  a.username = s.username;
  sendJson(ctx.res, 200, { location: resumeUrl(ctx.emu, 'orchestrator_id', id) });
}

export const approvalRoutes: Route[] = [
  { method: 'POST', path: '/device_authorization/accept_user_code', op: 'AcceptUserCode', handle: acceptUserCode },
  { method: 'POST', path: '/device_authorization/associate_token', op: 'AssociateToken', handle: associateToken },
  { method: 'GET', path: '/authorize', op: 'Authorize', handle: authorize },
  { method: 'POST', path: '/authentication_result', op: 'AuthenticationResult', handle: authenticationResult },
];
