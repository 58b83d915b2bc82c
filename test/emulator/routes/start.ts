// The start URL (/start and /start/) as a browser meets it: with a workflowResultHandle it
// serves the portal page that finishes the sign-in; with a live x-amz-sso_authn cookie, the
// portal; otherwise a 302 into a fresh sign-in, as the real portal's script does.
import type { Ctx, Route } from '../context.js';
import { parseCookies, redirect, sendHtml } from '../http.js';
import { tokenTag } from '../ids.js';
import { portalPage, type PortalPageConfig } from '../pages/portal.js';
import { newWorkflow, signinPageUrl } from '../workflow.js';

export const SESSION_COOKIE = 'x-amz-sso_authn';

function start(ctx: Ctx): void {
  const { emu, url } = ctx;
  const cfg: PortalPageConfig = { startUrl: emu.startUrl };
  const authCode = url.searchParams.get('workflowResultHandle');
  const code = authCode ? emu.state.authCodes.get(authCode) : undefined;
  if (authCode) {
    // An unknown or used code still gets the page: its script shows the exchange's refusal.
    cfg.exchange = {
      authCode,
      state: url.searchParams.get('state') ?? '',
      orgId: emu.scenario.directoryId,
      csrfToken: code?.csrfToken ?? '',
    };
    if (code) ctx.note.user = code.username;
    return sendHtml(ctx.res, 200, portalPage(cfg));
  }
  const token = parseCookies(ctx.req).get(SESSION_COOKIE);
  const session = emu.state.session(token);
  if (token) ctx.note.session = tokenTag(token);
  if (session) {
    ctx.note.user = session.username;
    return sendHtml(ctx.res, 200, portalPage(cfg));
  }
  const wf = newWorkflow(emu);
  // Deep links (a PKCE orchestrator_id, a resumption context) come back after the sign-in.
  wf.portalQuery = url.search;
  redirect(ctx.res, signinPageUrl(emu, wf.handle));
}

export const startPageRoutes: Route[] = [
  { method: 'GET', path: '/start', op: 'StartPage', handle: start },
  { method: 'GET', path: '/start/', op: 'StartPage', handle: start },
];
