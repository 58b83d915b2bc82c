// OIDC as AWS clients call it (docs/protocol.md §6): RegisterClient,
// StartDeviceAuthorization and CreateToken with the device_code, refresh_token and
// authorization_code (PKCE S256) grants.
import { createHash } from 'node:crypto';
import type { Ctx, Emulator, Route } from '../context.js';
import { oidcError } from '../errors.js';
import { readJson, sendJson } from '../http.js';
import { b64url, portalToken, tokenTag, userCode } from '../ids.js';
import type { OidcClient } from '../state.js';

const CLIENT_SECRET_DAYS = 90;
const DEVICE_CODE_SECONDS = 600;
const DEVICE_POLL_INTERVAL = 1;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

type Json = Record<string, unknown>;

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** The body as a JSON object, or an invalid_request already sent. */
async function body(ctx: Ctx): Promise<Json | undefined> {
  const b = await readJson(ctx.req);
  if (!b) oidcError(ctx.res, 'invalid_request', 'The request body must be a JSON object');
  return b;
}

/** The client named by clientId/clientSecret, or invalid_client (401) already sent. */
export function authenticClient(ctx: Ctx, b: Json): { clientId: string; client: OidcClient } | undefined {
  const clientId = String(b.clientId ?? '');
  const client = ctx.emu.state.clients.get(clientId);
  if (!client || client.clientSecret !== b.clientSecret || client.secretExpiresAt * 1000 <= Date.now()) {
    oidcError(ctx.res, 'invalid_client', 'Invalid client or client secret');
    return undefined;
  }
  return { clientId, client };
}

/** Start URLs that name this directory: the loopback one, or its awsapps.com forms. */
export function isOurStartUrl(emu: Emulator, startUrl: string): boolean {
  const bare = startUrl.replace(/#.*$/, '').replace(/\/+$/, '');
  const { directoryId, alias } = emu.scenario;
  return [emu.startUrl, `https://${directoryId}.awsapps.com/start`, `https://${alias}.awsapps.com/start`].includes(bare);
}

async function registerClient(ctx: Ctx): Promise<void> {
  const b = await body(ctx);
  if (!b) return;
  const scopes = b.scopes === undefined ? [] : stringList(b.scopes);
  const grantTypes = b.grantTypes === undefined ? [] : stringList(b.grantTypes);
  const redirectUris = b.redirectUris === undefined ? [] : stringList(b.redirectUris);
  if (typeof b.clientName !== 'string' || !b.clientName) return oidcError(ctx.res, 'invalid_request', 'clientName is required');
  if (b.clientType !== 'public') return oidcError(ctx.res, 'invalid_request', 'clientType must be public');
  if (!scopes || !grantTypes || !redirectUris) return oidcError(ctx.res, 'invalid_request', 'scopes, grantTypes and redirectUris must be lists of strings');
  if (grantTypes.includes('authorization_code') && redirectUris.length === 0) {
    return oidcError(ctx.res, 'invalid_request', 'redirectUris are required for the authorization_code grant');
  }
  const now = Math.floor(Date.now() / 1000);
  const clientId = b64url(16);
  const client: OidcClient = {
    clientSecret: `eyJraWQiOiJrZXkt${b64url(300)}`,
    clientName: b.clientName,
    scopes,
    grantTypes,
    redirectUris,
    secretExpiresAt: now + CLIENT_SECRET_DAYS * 86400,
  };
  ctx.emu.state.clients.set(clientId, client);
  sendJson(ctx.res, 200, { clientId, clientSecret: client.clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: client.secretExpiresAt });
}

async function startDeviceAuthorization(ctx: Ctx): Promise<void> {
  const b = await body(ctx);
  if (!b) return;
  const c = authenticClient(ctx, b);
  if (!c) return;
  if (typeof b.startUrl !== 'string' || !isOurStartUrl(ctx.emu, b.startUrl)) {
    return oidcError(ctx.res, 'invalid_request', `startUrl must be ${ctx.emu.startUrl}`);
  }
  const deviceCode = b64url(48);
  const code = userCode();
  ctx.emu.state.devices.set(deviceCode, {
    clientId: c.clientId,
    userCode: code,
    deviceContextId: b64url(24),
    expiresAt: Date.now() + DEVICE_CODE_SECONDS * 1000,
    accepted: false,
  });
  const verificationUri = `${ctx.emu.startUrl}/#/device`;
  sendJson(ctx.res, 200, {
    deviceCode,
    userCode: code,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${code}`,
    expiresIn: DEVICE_CODE_SECONDS,
    interval: DEVICE_POLL_INTERVAL,
  });
}

/** Access tokens work as portal bearer tokens, as the AWS CLI uses them. */
function issueTokens(ctx: Ctx, clientId: string, client: OidcClient, username: string, scopes: string[]): void {
  const { emu } = ctx;
  const accessToken = portalToken();
  emu.state.newSession(accessToken, username, emu.scenario.portalSessionSeconds);
  ctx.note.user = username;
  ctx.note.session = tokenTag(accessToken);
  const answer: Json = { accessToken, tokenType: 'Bearer', expiresIn: emu.scenario.portalSessionSeconds };
  if (client.scopes.length > 0 || client.grantTypes.includes('refresh_token')) {
    const refreshToken = `aor${b64url(180)}`;
    emu.state.refreshTokens.set(refreshToken, { clientId, username, scopes, accessToken });
    answer.refreshToken = refreshToken;
  }
  sendJson(ctx.res, 200, answer);
}

function deviceCodeGrant(ctx: Ctx, b: Json, clientId: string, client: OidcClient): void {
  const devices = ctx.emu.state.devices;
  const deviceCode = String(b.deviceCode ?? '');
  const d = devices.get(deviceCode);
  if (!d || d.clientId !== clientId) return oidcError(ctx.res, 'invalid_grant', 'Invalid device code provided');
  if (d.expiresAt <= Date.now()) {
    devices.delete(deviceCode);
    return oidcError(ctx.res, 'expired_token', 'Device code has expired');
  }
  if (!d.username) return oidcError(ctx.res, 'authorization_pending', 'Authorization is still pending');
  devices.delete(deviceCode);
  issueTokens(ctx, clientId, client, d.username, client.scopes);
}

function refreshTokenGrant(ctx: Ctx, b: Json, clientId: string, client: OidcClient): void {
  const refresh = ctx.emu.state.refreshTokens;
  const token = String(b.refreshToken ?? '');
  const g = refresh.get(token);
  if (!g || g.clientId !== clientId) return oidcError(ctx.res, 'invalid_grant', 'Invalid refresh token provided');
  refresh.delete(token);
  issueTokens(ctx, clientId, client, g.username, g.scopes);
}

function authorizationCodeGrant(ctx: Ctx, b: Json, clientId: string, client: OidcClient): void {
  const codes = ctx.emu.state.issuedCodes;
  const code = String(b.code ?? '');
  const c = codes.get(code);
  codes.delete(code); // one use, whatever the outcome
  if (!c || c.clientId !== clientId || c.expiresAt <= Date.now()) {
    return oidcError(ctx.res, 'invalid_grant', 'Invalid authorization code provided');
  }
  if (b.redirectUri !== c.redirectUri) return oidcError(ctx.res, 'invalid_grant', 'redirectUri does not match the authorization request');
  const verifier = typeof b.codeVerifier === 'string' ? b.codeVerifier : '';
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== c.codeChallenge) {
    return oidcError(ctx.res, 'invalid_grant', 'codeVerifier does not match the code challenge');
  }
  issueTokens(ctx, clientId, client, c.username, c.scopes);
}

const GRANTS: Record<string, typeof deviceCodeGrant> = {
  [DEVICE_GRANT]: deviceCodeGrant,
  refresh_token: refreshTokenGrant,
  authorization_code: authorizationCodeGrant,
};

async function createToken(ctx: Ctx): Promise<void> {
  const b = await body(ctx);
  if (!b) return;
  const c = authenticClient(ctx, b);
  if (!c) return;
  const grantType = String(b.grantType);
  const grant = GRANTS[grantType];
  if (!grant) return oidcError(ctx.res, 'unsupported_grant_type', `Unsupported grant type ${grantType}`);
  // Clients registered without grantTypes (the legacy device flow) may use device_code and refresh_token.
  const allowed = c.client.grantTypes.length > 0 ? c.client.grantTypes : [DEVICE_GRANT, 'refresh_token'];
  if (!allowed.includes(grantType)) return oidcError(ctx.res, 'unauthorized_client', `The client is not registered for ${grantType}`);
  grant(ctx, b, c.clientId, c.client);
}

export const oidcRoutes: Route[] = [
  { method: 'POST', path: '/client/register', op: 'RegisterClient', handle: registerClient },
  { method: 'POST', path: '/device_authorization', op: 'StartDeviceAuthorization', handle: startDeviceAuthorization },
  { method: 'POST', path: '/token', op: 'CreateToken', handle: createToken },
];
