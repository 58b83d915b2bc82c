// What federation's Action=login shows: the console itself is not emulated, so the page
// says which role and account the sign-in token opened, and where the real service would go.
import { esc } from '../http.js';
import { page } from './layout.js';

export function consolePage(accountId: string, roleName: string, destination: string): string {
  return page('AWS Management Console', `
<h1>AWS Management Console</h1>
<div class="success" data-testid="console-signed-in">Signed in as <span data-testid="console-role">${esc(roleName)}</span>
in account <span data-testid="console-account">${esc(accountId)}</span>.</div>
<p>The real service would now open <a data-testid="console-destination" href="${esc(destination)}">${esc(destination)}</a>.</p>`);
}

export function federationErrorPage(message: string): string {
  return page('Amazon Web Services Sign-In', `<h1>Sign-in failed</h1><div role="alert" data-testid="federation-error">${esc(message)}</div>`);
}
