// The sign-in host's cookies (docs/protocol.md §2 [code, several]): per-workflow CSRF tokens
// that the login page GET and every api/execute answer set, and after success the host's own
// session cookie aws-usi-authn. Paths are the directory's, as on the live host.
import type { Emulator } from './context.js';
import { b64url } from './ids.js';
import type { Workflow } from './state.js';

export const SIGNIN_SESSION_COOKIE = 'aws-usi-authn';
const DIRECTORY_CSRF = 'directory-csrf-token';
const WORKFLOW_CSRF = 'workflow-csrf-token';

const attributes = (emu: Emulator): string => `Path=/platform/${emu.scenario.directoryId}; HttpOnly; SameSite=Lax`;

/** The four workflow cookies, set again with every answer (workflow-step-id names the step waited for). */
export function workflowCookies(emu: Emulator, wf: Workflow): string[] {
  const attrs = attributes(emu);
  return [
    `${DIRECTORY_CSRF}=${emu.state.directoryCsrf}; ${attrs}`,
    `${WORKFLOW_CSRF}=${wf.csrfCookie}; ${attrs}`,
    `login-interview-token=${b64url(24)}; ${attrs}`,
    `workflow-step-id=${encodeURIComponent(wf.expect)}; ${attrs}`,
  ];
}

/** Did the request bring back the CSRF cookies of this directory and workflow? */
export function csrfCookiesMatch(emu: Emulator, wf: Workflow, cookies: Map<string, string>): boolean {
  return cookies.get(DIRECTORY_CSRF) === emu.state.directoryCsrf && cookies.get(WORKFLOW_CSRF) === wf.csrfCookie;
}

/** A new sign-in host session for `username`, as the Set-Cookie of the success answer. */
export function newSigninSession(emu: Emulator, username: string): string {
  const value = b64url(32);
  const seconds = emu.scenario.portalSessionSeconds;
  emu.state.signinSessions.set(value, { username, expiresAt: Date.now() + seconds * 1000 });
  return `${SIGNIN_SESSION_COOKIE}=${value}; ${attributes(emu)}; Max-Age=${seconds}`;
}

/** The user of a live aws-usi-authn cookie, if the request carries one. */
export function signinSessionUser(emu: Emulator, cookies: Map<string, string>): string | undefined {
  const s = emu.state.signinSessions.get(cookies.get(SIGNIN_SESSION_COOKIE) ?? '');
  return s && s.expiresAt > Date.now() ? s.username : undefined;
}
