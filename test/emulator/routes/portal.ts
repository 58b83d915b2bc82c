// Portal API (docs/protocol.md §2 step 1, §4 and §5): login bootstrap, token exchange,
// whoAmI, accounts, roles, role credentials, logout and the seed-era app instances.
import type { Ctx, Emulator, Route } from '../context.js';
import { bearerToken, requireBearer } from '../bearer.js';
import { vendCredentials } from '../credentials.js';
import { portalError } from '../errors.js';
import { readBody, sendJson } from '../http.js';
import { portalToken, stableHex16, tokenTag } from '../ids.js';
import { paginate } from '../paging.js';
import type { ScenarioAccount } from '../scenario.js';
import { newWorkflow, signinPageUrl } from '../workflow.js';

export const instanceId = (a: ScenarioAccount): string => `ins-${stableHex16(`instance:${a.accountId}`)}`;
export const profileId = (a: ScenarioAccount, role: string): string => `p-${stableHex16(`profile:${a.accountId}/${role}`)}`;

export const NOT_READY_MESSAGE = 'User is not authorized yet. Retry in a few seconds.';

/** directory_id / orgId may name the directory by id or alias. */
export function namesDirectory(emu: Emulator, v: string): boolean {
  return v === emu.scenario.directoryId || v === emu.scenario.alias;
}

function login(ctx: Ctx): void {
  const { emu, url } = ctx;
  const dir = url.searchParams.get('directory_id');
  if (dir !== null && !namesDirectory(emu, dir)) {
    portalError(ctx.res, 'InvalidRequestException', `Unknown directory_id ${dir}`);
    return;
  }
  if (!url.searchParams.get('redirect_url')) {
    portalError(ctx.res, 'InvalidRequestException', 'redirect_url is required');
    return;
  }
  const wf = newWorkflow(emu);
  sendJson(ctx.res, 200, { redirectUrl: signinPageUrl(emu, wf.handle), csrfToken: wf.csrfToken });
}

/** Trades the sign-in's workflowResultHandle for a portal session token (section 4). */
async function ssoToken(ctx: Ctx): Promise<void> {
  const { emu, req, res } = ctx;
  const form = new URLSearchParams(await readBody(req));
  const authCode = form.get('authCode');
  const orgId = form.get('orgId');
  if (!authCode || !form.get('state') || !orgId) {
    portalError(res, 'InvalidRequestException', 'authCode, state and orgId are required');
    return;
  }
  if (!namesDirectory(emu, orgId)) {
    portalError(res, 'InvalidRequestException', `Unknown orgId ${orgId}`);
    return;
  }
  const code = emu.state.authCodes.get(authCode);
  if (!code || code.expiresAt <= Date.now()) {
    portalError(res, 'UnauthorizedException', 'The authorization code is invalid or has expired');
    return;
  }
  ctx.note.user = code.username;
  if (code.state !== form.get('state') || req.headers['x-amz-sso-csrf-token'] !== code.csrfToken) {
    portalError(res, 'UnauthorizedException', 'The state or CSRF token does not match the sign-in');
    return;
  }
  if (code.notReadyLeft > 0) {
    // The short "not authorized" period is an HTTP 200 without a token (docs/protocol.md §4 [code x3]).
    code.notReadyLeft--;
    sendJson(res, 200, { redirectUrl: null, errorMessage: NOT_READY_MESSAGE, relayId: null, initType: null });
    return;
  }
  emu.state.authCodes.delete(authCode);
  const token = portalToken();
  emu.state.newSession(token, code.username, emu.scenario.portalSessionSeconds);
  ctx.note.session = tokenTag(token);
  sendJson(res, 200, { token, redirectUrl: `${emu.startUrl}/#/`, errorMessage: null, relayId: null, initType: null });
}

function whoAmI(ctx: Ctx): void {
  const s = requireBearer(ctx);
  if (!s) return;
  const { scenario } = ctx.emu;
  sendJson(ctx.res, 200, {
    userIdentifier: s.username,
    userId: stableHex16(`user:${s.username}`),
    createDate: new Date(s.createdAt).toISOString(),
    expireDate: new Date(s.expiresAt).toISOString(),
    accountId: scenario.accounts[0]?.accountId ?? '000000000000',
    directoryId: scenario.directoryId,
    region: scenario.region,
  });
}

function findAccount(ctx: Ctx, accountId: string | null): ScenarioAccount | undefined {
  if (!accountId) {
    portalError(ctx.res, 'InvalidRequestException', 'account_id is required');
    return undefined;
  }
  const a = ctx.emu.scenario.accounts.find((x) => x.accountId === accountId);
  if (!a) portalError(ctx.res, 'ForbiddenException', 'No access');
  return a;
}

function listAccounts(ctx: Ctx): void {
  if (!requireBearer(ctx)) return;
  const q = ctx.url.searchParams;
  const page = paginate(ctx.emu.scenario.accounts, 'accounts', q.get('max_result'), q.get('next_token'));
  if ('error' in page) {
    portalError(ctx.res, 'InvalidRequestException', page.error);
    return;
  }
  sendJson(ctx.res, 200, {
    accountList: page.items.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  });
}

function listAccountRoles(ctx: Ctx): void {
  if (!requireBearer(ctx)) return;
  const q = ctx.url.searchParams;
  const account = findAccount(ctx, q.get('account_id'));
  if (!account) return;
  const page = paginate(account.roles, `roles:${account.accountId}`, q.get('max_result'), q.get('next_token'));
  if ('error' in page) {
    portalError(ctx.res, 'InvalidRequestException', page.error);
    return;
  }
  sendJson(ctx.res, 200, {
    roleList: page.items.map((roleName) => ({ roleName, accountId: account.accountId })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  });
}

async function getRoleCredentials(ctx: Ctx): Promise<void> {
  const s = requireBearer(ctx);
  if (!s) return;
  const q = ctx.url.searchParams;
  const roleName = q.get('role_name');
  if (!roleName) {
    portalError(ctx.res, 'InvalidRequestException', 'role_name is required');
    return;
  }
  const account = findAccount(ctx, q.get('account_id'));
  if (!account) return;
  if (!account.roles.includes(roleName)) {
    portalError(ctx.res, 'ForbiddenException', 'No access');
    return;
  }
  const c = await vendCredentials(ctx.emu, account.accountId, roleName, s.username);
  sendJson(ctx.res, 200, {
    roleCredentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration,
    },
  });
}

async function logout(ctx: Ctx): Promise<void> {
  await readBody(ctx.req);
  if (!requireBearer(ctx)) return;
  ctx.emu.state.endSession(bearerToken(ctx) ?? '');
  ctx.res.writeHead(200, { 'Content-Length': 0 });
  ctx.res.end();
}

function appInstances(ctx: Ctx): void {
  if (!requireBearer(ctx)) return;
  sendJson(ctx.res, 200, {
    result: ctx.emu.scenario.accounts.map((a) => ({
      id: instanceId(a),
      name: a.accountName,
      applicationName: 'AWS Account',
      searchMetadata: { AccountId: a.accountId, AccountName: a.accountName, AccountEmail: a.emailAddress },
    })),
  });
}

function appInstanceProfiles(ctx: Ctx): void {
  if (!requireBearer(ctx)) return;
  const id = ctx.params.id;
  const account = ctx.emu.scenario.accounts.find((a) => instanceId(a) === id);
  if (!account) {
    portalError(ctx.res, 'ResourceNotFoundException', `No app instance ${id}`);
    return;
  }
  sendJson(ctx.res, 200, {
    result: account.roles.map((r) => ({ id: profileId(account, r), name: r, description: '', protocol: 'SAML' })),
  });
}

export const portalRoutes: Route[] = [
  { method: 'GET', path: '/login', op: 'PortalLogin', handle: login },
  { method: 'POST', path: '/auth/sso-token', op: 'SsoToken', handle: ssoToken },
  { method: 'GET', path: '/token/whoAmI', op: 'WhoAmI', handle: whoAmI },
  { method: 'GET', path: '/assignment/accounts', op: 'ListAccounts', handle: listAccounts },
  { method: 'GET', path: '/assignment/roles', op: 'ListAccountRoles', handle: listAccountRoles },
  { method: 'GET', path: '/federation/credentials', op: 'GetRoleCredentials', handle: getRoleCredentials },
  { method: 'POST', path: '/logout', op: 'Logout', handle: logout },
  { method: 'GET', path: '/instance/appinstances', op: 'AppInstances', handle: appInstances },
  { method: 'GET', path: '/instance/appinstance/{id}/profiles', op: 'AppInstanceProfiles', handle: appInstanceProfiles },
];
