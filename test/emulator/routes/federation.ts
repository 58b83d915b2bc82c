// Console federation (docs/protocol.md §7): getSigninToken for credentials this
// emulator vended, then Action=login with that token (valid 15 minutes).
import type { Ctx, Route } from '../context.js';
import { sendHtml, sendJson, sendText } from '../http.js';
import { b64url } from '../ids.js';
import { consolePage, federationErrorPage } from '../pages/console.js';

const SIGNIN_TOKEN_MS = 15 * 60 * 1000;

function getSigninToken(ctx: Ctx): void {
  const q = ctx.url.searchParams;
  const { state } = ctx.emu;
  let session: Record<string, unknown> | undefined;
  try {
    session = JSON.parse(q.get('Session') ?? '') as Record<string, unknown>;
  } catch {
    session = undefined;
  }
  const c = typeof session?.sessionId === 'string' ? state.credentials.get(session.sessionId) : undefined;
  if (!c || c.secretAccessKey !== session?.sessionKey || c.sessionToken !== session?.sessionToken || c.expiration <= Date.now()) {
    return sendText(ctx.res, 400, 'Bad Request: the Session parameter does not hold valid temporary credentials');
  }
  ctx.note.user = c.username;
  const duration = q.get('SessionDuration');
  if (duration !== null && !(/^\d+$/.test(duration) && Number(duration) >= 900 && Number(duration) <= 43200)) {
    return sendText(ctx.res, 400, 'Bad Request: SessionDuration must be from 900 to 43200 seconds');
  }
  const token = b64url(96);
  state.signinTokens.set(token, { accessKeyId: String(session!.sessionId), expiresAt: Date.now() + SIGNIN_TOKEN_MS });
  sendJson(ctx.res, 200, { SigninToken: token });
}

function login(ctx: Ctx): void {
  const q = ctx.url.searchParams;
  const { state } = ctx.emu;
  const t = state.signinTokens.get(q.get('SigninToken') ?? '');
  const c = t && t.expiresAt > Date.now() ? state.credentials.get(t.accessKeyId) : undefined;
  if (!c) return sendHtml(ctx.res, 400, federationErrorPage('The sign-in token is invalid or has expired.'));
  ctx.note.user = c.username;
  const destination = q.get('Destination') ?? '';
  if (!/^https?:\/\//.test(destination)) return sendHtml(ctx.res, 400, federationErrorPage('Destination must be a URL.'));
  sendHtml(ctx.res, 200, consolePage(c.accountId, c.roleName, destination));
}

function federation(ctx: Ctx): void {
  const action = ctx.url.searchParams.get('Action');
  if (action === 'getSigninToken') return getSigninToken(ctx);
  if (action === 'login') return login(ctx);
  sendText(ctx.res, 400, 'Bad Request: Action must be getSigninToken or login');
}

export const federationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/federation',
    op: (url) => (url.searchParams.get('Action') === 'login' ? 'FederationLogin' : 'GetSigninToken'),
    handle: federation,
  },
];
