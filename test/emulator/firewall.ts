// The AWS WAF in front of the sign-in API, as a scenario places it (docs/protocol.md §2
// firewall [code, AWS WAF docs]): 202 + challenge, 405 + captcha, or a 403 block page. A page
// that passes the challenge or captcha gets an aws-waf-token cookie that lets it through.
import type { Ctx, Route } from './context.js';
import { parseCookies, sendHtml, sendJson } from './http.js';
import { b64url } from './ids.js';
import { blockPage } from './pages/block.js';

export const WAF_COOKIE = 'aws-waf-token';

/** Answers for the firewall when it stands in front of `stepId` and the request has no token; true if it did. */
export function firewallAnswered(ctx: Ctx, stepId: string): boolean {
  const fw = ctx.emu.scenario.firewall;
  if (!fw || fw.step !== stepId) return false;
  if (fw.action === 'block') {
    sendHtml(ctx.res, 403, blockPage());
    return true;
  }
  if (ctx.emu.state.wafTokens.has(parseCookies(ctx.req).get(WAF_COOKIE) ?? '')) return false;
  const status = fw.action === 'challenge' ? 202 : 405;
  ctx.res.writeHead(status, { 'x-amzn-waf-action': fw.action, 'Content-Length': 0 });
  ctx.res.end();
  return true;
}

/** Stands in for the WAF's challenge script: the page calls it once it has "solved" the challenge. */
function wafToken(ctx: Ctx): void {
  const token = b64url(32);
  ctx.emu.state.wafTokens.add(token);
  sendJson(ctx.res, 200, {}, { 'Set-Cookie': `${WAF_COOKIE}=${token}; Path=/; SameSite=Lax` });
}

export const firewallRoutes: Route[] = [{ method: 'POST', path: '/emulator/waf-token', op: 'WafToken', handle: wafToken }];
