// Portal sessions presented by clients: header x-amz-sso_bearer_token or a userSessionId field.
import type { Ctx } from './context.js';
import { portalError } from './errors.js';
import { tokenTag } from './ids.js';
import type { Session } from './state.js';

/** The live session for `token`, noting it in the request log; undefined if none. */
export function lookupSession(ctx: Ctx, token: string | undefined): Session | undefined {
  if (!token) return undefined;
  ctx.note.session = tokenTag(token);
  const s = ctx.emu.state.session(token);
  if (s) ctx.note.user = s.username;
  return s;
}

export function bearerToken(ctx: Ctx): string | undefined {
  const h = ctx.req.headers['x-amz-sso_bearer_token'];
  return Array.isArray(h) ? h[0] : h;
}

/** The bearer's session, or a 401 UnauthorizedException already sent. */
export function requireBearer(ctx: Ctx): Session | undefined {
  const s = lookupSession(ctx, bearerToken(ctx));
  if (!s) portalError(ctx.res, 'UnauthorizedException', 'Session token not found or invalid');
  return s;
}
