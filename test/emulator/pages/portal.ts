// The AWS access portal as a browser sees it at the start URL: a single-page app that
// finishes a sign-in (trading workflowResultHandle for the portal token through
// /auth/sso-token and keeping it in the x-amz-sso_authn cookie), lists accounts and roles,
// and approves device codes (#/device) and PKCE requests (orchestrator_id) with that session.
import { configScript } from './config.js';
import { page } from './layout.js';

export interface PortalPageConfig {
  startUrl: string;
  /** Present when the page was reached with ?workflowResultHandle=...: what /auth/sso-token needs. */
  exchange?: { authCode: string; state: string; orgId: string; csrfToken: string };
}

const SCRIPT = String.raw`
const cfg = JSON.parse(document.getElementById('emulator-config').textContent);
const app = document.getElementById('app');
const errorBox = document.getElementById('portal-error');
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const COOKIE = 'x-amz-sso_authn';
let token = (document.cookie.split('; ').find((c) => c.startsWith(COOKIE + '=')) || '').slice(COOKIE.length + 1);

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function signInAgain() {
  document.cookie = COOKIE + '=; path=/; max-age=0';
  location.assign(cfg.startUrl + '/' + location.hash);
}

async function api(method, path, body) {
  const headers = { 'x-amz-sso_bearer_token': token };
  if (body) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const answer = await res.json().catch(() => ({}));
  if (res.status === 401) {
    signInAgain();
    throw new Error('signed out');
  }
  if (!res.ok) {
    showError(answer.message || ('The portal answered HTTP ' + res.status + '.'));
    throw new Error(answer.message);
  }
  return answer;
}

/** Trades the sign-in result for a portal token, retrying through the short "not yet" period. */
async function exchange(x) {
  const body = new URLSearchParams({ authCode: x.authCode, state: x.state, orgId: x.orgId });
  for (let attempt = 0; attempt < 10; attempt++) {
    const res = await fetch('/auth/sso-token', { method: 'POST', body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-amz-sso-csrf-token': x.csrfToken } });
    const answer = await res.json().catch(() => ({}));
    if (res.ok && answer.token) return answer.token;
    // "not authorized" right after the sign-in comes as a 200 without a token: wait and retry.
    if (!res.ok || !/not authorized/i.test(answer.errorMessage || '')) {
      showError(answer.message || answer.errorMessage || 'Sign-in could not be completed.');
      app.innerHTML = '<p><a id="start-over" href="' + esc(cfg.startUrl + '/') + '">Sign in again</a></p>';
      return null;
    }
    await sleep(1000);
  }
  showError('Sign-in could not be completed.');
  return null;
}

function success(text) {
  return '<div class="success" data-analytics-alert="success" data-testid="success-alert">' + esc(text) + '</div>';
}

async function accounts() {
  const list = [];
  let next = '';
  do {
    const page = await api('GET', '/assignment/accounts?max_result=100' + (next ? '&next_token=' + encodeURIComponent(next) : ''));
    list.push(...page.accountList);
    next = page.nextToken || '';
  } while (next);
  app.innerHTML = success('You are signed in to the AWS access portal.') + '<h1>AWS access portal</h1><h2>AWS accounts (' + list.length + ')</h2>' +
    '<table><thead><tr><th>Account</th><th>Id</th><th>Email</th><th></th></tr></thead><tbody>' +
    list.map((a) => '<tr><td>' + esc(a.accountName) + '</td><td>' + esc(a.accountId) + '</td><td>' + esc(a.emailAddress || '') + '</td>' +
      '<td><button type="button" class="secondary" data-testid="account-' + esc(a.accountId) + '" data-account="' + esc(a.accountId) + '">Roles</button></td></tr>' +
      '<tr hidden id="roles-' + esc(a.accountId) + '"><td colspan="4"></td></tr>').join('') +
    '</tbody></table><button type="button" id="sign-out" class="secondary">Sign out</button>';
  for (const b of app.querySelectorAll('button[data-account]')) b.addEventListener('click', () => roles(b.dataset.account));
  document.getElementById('sign-out').addEventListener('click', async () => {
    await api('POST', '/logout');
    signInAgain();
  });
}

async function roles(accountId) {
  const row = document.getElementById('roles-' + accountId);
  const page = await api('GET', '/assignment/roles?max_result=100&account_id=' + encodeURIComponent(accountId));
  row.firstChild.innerHTML = page.roleList.map((r) => '<span data-testid="role-' + esc(accountId) + '-' + esc(r.roleName) + '">' + esc(r.roleName) + '</span>').join(', ');
  row.hidden = false;
}

function consent(clientLabel, onAllow) {
  app.innerHTML = '<h1>Allow ' + esc(clientLabel) + ' to access your data?</h1>' +
    '<p>An application is asking to use your AWS access portal session.</p>' +
    '<button type="button" data-testid="allow-access-button" id="allow-access-button">Allow access</button>';
  document.getElementById('allow-access-button').addEventListener('click', onAllow);
}

async function device(userCode) {
  app.innerHTML = '<h1>Authorize request</h1><p>Confirm that this code matches the code your application shows.</p>' +
    '<label for="verification_code">Code</label><input type="text" id="verification_code" value="' + esc(userCode) + '">' +
    '<button type="button" id="cli_verification_btn" data-analytics="accept-user-code">Confirm and continue</button>';
  document.getElementById('cli_verification_btn').addEventListener('click', async () => {
    const code = document.getElementById('verification_code').value.trim();
    const accepted = await api('POST', '/device_authorization/accept_user_code', { userCode: code, userSessionId: token });
    consent(accepted.deviceContext.clientId, async () => {
      await api('POST', '/device_authorization/associate_token', { deviceContext: accepted.deviceContext, userSessionId: token });
      app.innerHTML = success('Request approved') + '<p>You can close this window and return to your application.</p>';
    });
  });
}

async function main() {
  const query = new URLSearchParams(location.search);
  if (cfg.exchange) {
    token = await exchange(cfg.exchange);
    if (!token) return;
    document.cookie = COOKIE + '=' + token + '; path=/; SameSite=Lax';
    query.delete('workflowResultHandle');
    query.delete('state');
    history.replaceState(null, '', location.pathname + (query.size ? '?' + query : '') + location.hash);
  }
  if (!token) return signInAgain();
  // The portal is one page: following a #/device link from it changes only the hash.
  window.addEventListener('hashchange', () => route(new URLSearchParams(location.search)).catch(() => {}));
  return route(query);
}

async function route(query) {
  const hash = location.hash.replace(/^#/, '');
  if (query.has('orchestrator_id')) {
    const answer = await api('POST', '/authentication_result', { orchestrator_id: query.get('orchestrator_id') });
    return location.assign(answer.location);
  }
  if (query.has('authorizationResumptionContext')) {
    return consent('the application', async () => {
      const answer = await api('POST', '/device_authorization/associate_token',
        { authorizationResumptionContext: query.get('authorizationResumptionContext'), userSessionId: token });
      app.innerHTML = success('Request approved');
      location.assign(answer.location);
    });
  }
  if (hash.startsWith('/device')) return device(new URLSearchParams(hash.split('?')[1] || '').get('user_code') || '');
  return accounts();
}

main().catch(() => {});
`;

export function portalPage(cfg: PortalPageConfig): string {
  return page('AWS access portal', `
<div id="portal-error" data-testid="portal-error" role="alert" hidden></div>
<div id="app"><p>Loading&hellip;</p></div>
${configScript(cfg)}`, { wide: true, script: SCRIPT });
}
