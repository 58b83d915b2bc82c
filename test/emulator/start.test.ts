// The start URL over plain HTTP: into the sign-in without a session, deep links kept
// through it, the portal page with a live x-amz-sso_authn cookie, and the sign-in page itself.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type RunningEmulator } from './server.js';
import { SignInClient } from './testkit.js';

const user = { username: 'web@example.com', password: 'Web-Passw0rd!', mfa: 'off' as const };
let emu: RunningEmulator;

before(async () => {
  emu = await startEmulator({ scenario: { users: [user] } });
});
after(() => emu.close());

const get = (path: string, cookie?: string) => fetch(`${emu.url}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });

test('without a session the start URL sends the browser to a fresh sign-in page that keeps its deep link', async () => {
  const first = await get('/start/?orchestrator_id=abc');
  assert.equal(first.status, 302);
  const signin = new URL(first.headers.get('location')!);
  assert.equal(signin.pathname, `/platform/${emu.directoryId}/login`);

  const page = await fetch(signin);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type')!, /^text\/html/);
  assert.match(await page.text(), /id="signin-error"[^>]*role="alert"/);

  const c = new SignInClient(emu);
  await c.beginAt(signin.href);
  await c.username(user.username);
  const done = await c.password(user.username, user.password);
  const back = new URL((done.body.redirect as { url: string }).url);
  assert.equal(back.searchParams.get('orchestrator_id'), 'abc');
  assert.ok(back.searchParams.get('workflowResultHandle'));
  assert.deepEqual(emu.requests.slice(-7).map((r) => r.op),
    ['StartPage', 'SignInPage', 'SignInPage', 'SignInStep', 'SignInStep', 'SignInStep', 'SignInStep']);
});

test('a live session cookie gets the portal page; a revoked one goes back to the sign-in', async () => {
  const token = await new SignInClient(emu).signIn(user.username, user.password);
  const cookie = `x-amz-sso_authn=${token}`;
  const portal = await get('/start', cookie);
  assert.equal(portal.status, 200);
  assert.match(await portal.text(), /<title>AWS access portal<\/title>/);
  assert.equal(emu.requests.at(-1)!.user, user.username);

  emu.revokeSessions();
  assert.equal((await get('/start', cookie)).status, 302);
});

test('a sign-in page for another directory does not exist', async () => {
  assert.equal((await get('/platform/d-9999999999/login?workflowStateHandle=x')).status, 404);
});
