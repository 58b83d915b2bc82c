// The sign-in step machine over real HTTP: JWE password, TOTP MFA, trusted device, errors.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEMO_USER } from './scenario.js';
import { startEmulator, type RunningEmulator } from './server.js';
import { SignInClient, totpNow } from './testkit.js';

const { username, password, totpSeed } = DEMO_USER;
let emu: RunningEmulator;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emu-signin-'));
  emu = await startEmulator({ requestLog: join(dir, 'requests.jsonl') });
});
after(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a TOTP sign-in ends in a portal session that whoAmI accepts, and the log keeps no secret', async () => {
  const c = new SignInClient(emu);
  await c.begin();
  const id = await c.username(username);
  assert.equal(id.body.stepId, 'get-password');
  const ctx = (id.body.workflowResponseData as any).encryptionContextResponse;
  assert.deepEqual([ctx.publicKey.kty, ctx.issuer, ctx.audience], ['RSA', 'us-east-1.signin', 'us-east-1.AWSPasswordService']);

  const pw = await c.password(username, password);
  assert.equal(pw.body.stepId, 'get-mfa');
  assert.deepEqual((pw.body.workflowResponseData as any).mfaChallengeResponse, { mfaType: 'TOTP', rememberDeviceAllowed: true });
  const code = await totpNow(totpSeed);
  const mfa = await c.mfa(username, code);
  assert.equal(mfa.body.stepId, 'end-of-workflow-success');
  const redirect = new URL((mfa.body.redirect as any).url);
  assert.equal(`${redirect.origin}${redirect.pathname}`, `${emu.startUrl}/`);

  const t = await c.ssoToken();
  assert.equal(t.status, 200);
  const token = String(t.body.token);
  const who = await c.get('/token/whoAmI', token);
  assert.equal(who.status, 200);
  assert.equal(who.body.userIdentifier, username);
  assert.equal(who.body.directoryId, emu.directoryId);

  const ops = emu.requests.map((r) => `${r.op}:${r.step ?? ''}:${r.status}`);
  assert.ok(ops.includes('SignInStep:get-mfa:200'));
  assert.ok(ops.includes('SsoToken::200'));
  const logged = readFileSync(join(dir, 'requests.jsonl'), 'utf8');
  assert.equal(logged.trim().split('\n').length, emu.requests.length);
  for (const secret of [password, token, code, c.csrfToken]) assert.ok(!logged.includes(secret), 'a secret reached the request log');
  const whoEntry = emu.requests.find((r) => r.op === 'WhoAmI')!;
  assert.equal(whoEntry.user, username);
  assert.match(whoEntry.session!, /^[0-9a-f]{8}$/);
});

test('the trusted-device cookie skips MFA on the next sign-in; without it MFA is asked again', async () => {
  const c = new SignInClient(emu);
  await c.signIn(username, password, totpSeed, true);
  assert.equal(c.jar.size, 1, 'a trusted-device cookie was set');

  await c.begin();
  await c.username(username);
  const again = await c.password(username, password);
  assert.equal(again.body.stepId, 'end-of-workflow-success');

  const fresh = new SignInClient(emu);
  await fresh.begin();
  await fresh.username(username);
  assert.equal((await fresh.password(username, password)).body.stepId, 'get-mfa');
});

test('a wrong password and an unknown user get the same answer; the handle stays usable', async () => {
  const c = new SignInClient(emu);
  await c.begin();
  await c.username(username);
  const wrong = await c.password(username, 'not-the-password');
  assert.equal(wrong.status, 400);
  assert.match(wrong.headers.get('content-type')!, /^application\/json/);
  assert.equal(wrong.body.errorCode, 'AUTHENTICATION_FAILED');

  const other = new SignInClient(emu);
  await other.begin();
  await other.username('nobody@example.com');
  const unknown = await other.password('nobody@example.com', password);
  assert.deepEqual(unknown.body, wrong.body);

  assert.equal((await c.password(username, password)).body.stepId, 'get-mfa');
});

test('a wrong code can be retried on the same handle; an old handle is refused', async () => {
  const c = new SignInClient(emu);
  await c.begin();
  await c.username(username);
  const stale = c.handle;
  await c.password(username, password);
  const wrong = await c.mfa(username, '000000');
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.errorCode, 'INVALID_MFA_CODE');
  assert.equal(typeof wrong.body.message, 'string');
  assert.equal((await c.mfa(username, await totpNow(totpSeed))).body.stepId, 'end-of-workflow-success');

  const old = await c.step('get-password', [], stale);
  assert.equal(old.body.errorCode, 'INVALID_WORKFLOW_STATE_HANDLE');
});

test('a password JWE for another audience is refused', async () => {
  const c = new SignInClient(emu);
  await c.begin();
  await c.username(username);
  const r = await c.password(username, password, { aud: 'us-west-2.AWSPasswordService' });
  assert.equal(r.status, 400);
  assert.equal(r.body.errorCode, 'INVALID_REQUEST');
  assert.match(String(r.body.message), /aud/);
});

test('the token exchange wants the csrf token of the sign-in and takes each code once', async () => {
  const c = new SignInClient(emu);
  await c.begin();
  await c.username(username);
  await c.password(username, password);
  await c.mfa(username, await totpNow(totpSeed));
  const bad = await c.ssoToken('123');
  assert.equal(bad.status, 401);
  assert.equal(bad.headers.get('x-amzn-errortype'), 'UnauthorizedException');
  assert.equal((await c.ssoToken()).status, 200);
  assert.equal((await c.ssoToken()).status, 401);
});
