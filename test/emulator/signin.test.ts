// The sign-in step machine over real HTTP, in the shapes of docs/protocol.md §2-§4: a client
// written from that page alone signs in; error bodies, cookies, CSRF, rotated handles.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEMO_USER } from './scenario.js';
import { startEmulator, type RunningEmulator } from './server.js';
import { encryptSecret, errorCode, preferencesInput, SignInClient, totpNow, userInput, type Reply } from './testkit.js';

const { username, password, totpSeed } = DEMO_USER;
const EMPTY_CAPTCHA = { captchaToken: '', captchaCDN: '', captchaURL: '', captchaCES: '' };
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

/** A client at the password step. */
async function atPassword(user: string = username): Promise<SignInClient> {
  const c = new SignInClient(emu);
  await c.begin();
  await c.username(user);
  return c;
}

function assertErrorBody(r: Reply, code: string): Record<string, any> {
  assert.equal(r.status, 400);
  const body = r.body as Record<string, any>;
  for (const k of ['requestId', 'errorCode', 'message', 'presentationContext']) assert.ok(k in body, `the error body has ${k}`);
  for (const k of Object.keys(body)) {
    assert.ok(['requestId', 'errorCode', 'message', 'presentationContext', 'stepId', 'workflowStateHandle'].includes(k), `unexpected key ${k}`);
  }
  assert.equal(body.errorCode, null, 'the top-level errorCode is null; the reason is in message');
  assert.deepEqual(Object.keys(body.message).sort(), ['errorCode', 'heading', 'requestId', 'text', 'time', 'type']);
  assert.equal(body.message.type, 'ERROR');
  assert.equal(body.message.errorCode, code);
  assert.equal(body.message.requestId, body.requestId);
  assert.deepEqual(body.presentationContext, {});
  return body;
}

test('litmus: a client written from the protocol page alone signs in, and the log keeps no secret', async () => {
  const c = new SignInClient(emu);
  await c.begin();
  for (const name of ['directory-csrf-token', 'workflow-csrf-token', 'login-interview-token', 'workflow-step-id']) {
    assert.ok(c.jar.has(name), `the sign-in page GET set ${name}`);
  }
  const id = await c.username(username);
  assert.equal(id.body.stepId, 'get-password');
  assert.deepEqual(id.body.captchaResponse, EMPTY_CAPTCHA, 'an ordinary answer carries the empty captcha shell');
  const ctx = (id.body.workflowResponseData as any).encryptionContextResponse;
  assert.deepEqual([ctx.publicKey.kty, ctx.publicKey.alg, ctx.issuer, ctx.audience, ctx.region],
    ['RSA', 'RSA-OAEP-256', 'signin', 'AWSPasswordService', 'us-east-1']);

  const pw = await c.password(username, password);
  assert.equal(pw.body.stepId, 'get-mfa', 'the demo user keeps the guessed MFA step [inferred]');
  const code = await totpNow(totpSeed);
  const mfa = await c.mfa(username, code);
  assert.equal(mfa.body.stepId, 'end-of-workflow-success');
  assert.deepEqual(mfa.body.captchaResponse, EMPTY_CAPTCHA);
  const redirect = new URL((mfa.body.redirect as any).url);
  assert.equal(`${redirect.origin}${redirect.pathname}`, `${emu.startUrl}/`);
  assert.ok(redirect.searchParams.get('wdc_csrf_token'));
  const usi = mfa.headers.getSetCookie().find((h) => h.startsWith('aws-usi-authn='));
  assert.match(usi ?? '', new RegExp(`Path=/platform/${emu.directoryId}(;|$)`), 'the sign-in host session cookie, on the directory path');

  const token = await c.exchange();
  const who = await c.get('/token/whoAmI', token);
  assert.equal(who.status, 200);
  assert.equal(who.body.userIdentifier, username);

  const logged = readFileSync(join(dir, 'requests.jsonl'), 'utf8');
  assert.equal(logged.trim().split('\n').length, emu.requests.length);
  for (const secret of [password, token, code, c.csrfToken, c.jar.get('workflow-csrf-token')!]) {
    assert.ok(!logged.includes(secret), 'a secret reached the request log');
  }
});

test('a wrong password: the captured error body, a rotated handle the retry uses, the same answer for an unknown user', async () => {
  const c = await atPassword();
  const before = c.handle;
  const wrong = await c.password(username, 'not-the-password');
  const body = assertErrorBody(wrong, 'AUTHENTICATION_FAILED');
  assert.equal(body.message.heading, "Something doesn't compute");
  assert.equal(body.message.text, "We couldn't verify your sign-in credentials. Please try again.");
  assert.equal(body.stepId, 'get-password');
  assert.notEqual(body.workflowStateHandle, before, 'the error answer rotates the handle');
  assert.ok(wrong.headers.getSetCookie().some((h) => h.startsWith('workflow-csrf-token=')), 'the error answer sets the workflow cookies too');

  const other = await atPassword('nobody@example.com');
  const unknown = await other.password('nobody@example.com', password);
  assert.equal(errorCode(unknown), 'AUTHENTICATION_FAILED');
  assert.deepEqual((unknown.body.message as any).text, body.message.text);

  assert.equal(c.handle, body.workflowStateHandle);
  assert.equal((await c.password(username, password)).body.stepId, 'get-mfa', 'the rotated handle carries the retry');
});

test('the handle before an error stays usable too; a consumed handle is SIGNIN_BAD_REQUEST_ERROR', async () => {
  const c = await atPassword();
  const first = c.handle;
  await c.password(username, 'wrong');
  c.handle = first;
  const ok = await c.password(username, password);
  assert.equal(ok.body.stepId, 'get-mfa');
  const stale = await c.step('get-password', [], first);
  assert.equal(stale.status, 400);
  assert.equal(errorCode(stale), 'SIGNIN_BAD_REQUEST_ERROR');
});

test('the password claims must name <region>.signin and <region>.AWSPasswordService: the bare values are refused', async () => {
  const c = await atPassword();
  const bare = await c.password(username, password, { iss: 'signin', aud: 'AWSPasswordService' });
  assertErrorBody(bare, 'SIGNIN_BAD_REQUEST_ERROR');
  assert.match(String((bare.body.message as any).text), /iss must be us-east-1\.signin/);
  const otherRegion = await c.password(username, password, { aud: 'us-west-2.AWSPasswordService' });
  assert.equal(errorCode(otherRegion), 'SIGNIN_BAD_REQUEST_ERROR');
  assert.equal((await c.password(username, password)).body.stepId, 'get-mfa');
});

test('without the CSRF cookies of the sign-in page an api/execute answers INVALID_CSRF_TOKEN', async () => {
  const c = new SignInClient(emu);
  const login = await c.get(`/login?directory_id=${emu.directoryId}&redirect_url=${encodeURIComponent(`${emu.startUrl}/#/`)}`);
  const page = new URL(String(login.body.redirectUrl));
  c.handle = page.searchParams.get('workflowStateHandle')!;
  c.executeUrl = page.href.replace(/\/login\?.*$/, '/api/execute');
  const skipped = await c.step('', []);
  assertErrorBody(skipped, 'INVALID_CSRF_TOKEN');

  await c.openPage(page.href);
  c.jar.set('workflow-csrf-token', 'forged');
  assert.equal(errorCode(await c.step('', [])), 'INVALID_CSRF_TOKEN');
  await c.openPage(page.href);
  assert.equal((await c.step('', [])).body.stepId, 'start');
});

test('a live aws-usi-authn makes `start` end the workflow at once; revokeSessions ends that session too', async () => {
  const c = new SignInClient(emu);
  await c.signIn(username, password, totpSeed);
  await c.begin().catch(() => undefined); // begin expects get-identity-user; the answer is success instead
  assert.equal(c.last.stepId, 'end-of-workflow-success');
  assert.ok(new URL(c.last.redirect.url).searchParams.get('workflowResultHandle'));
  assert.equal(typeof (await c.exchange()), 'string', 'the skipped sign-in still gives a portal session');

  emu.revokeSessions();
  await c.begin();
  assert.equal(c.last.stepId, 'get-identity-user', 'after a revocation the credentials are asked again');
});

test('the trusted-device cookie skips MFA on the next sign-in; without it MFA is asked again', async () => {
  const c = new SignInClient(emu);
  await c.signIn(username, password, totpSeed, true);
  assert.ok(c.jar.has('sso-trusted-device'));
  c.jar.delete('aws-usi-authn');
  const again = await atPasswordWith(c);
  assert.equal((await again.password(username, password)).body.stepId, 'end-of-workflow-success');

  const fresh = await atPassword();
  assert.equal((await fresh.password(username, password)).body.stepId, 'get-mfa');
});

async function atPasswordWith(c: SignInClient): Promise<SignInClient> {
  await c.begin();
  await c.username(username);
  return c;
}

test('a wrong code on the guessed MFA step answers AUTHENTICATION_FAILED and can be retried', async () => {
  const c = await atPassword();
  await c.password(username, password);
  const wrong = await c.mfa(username, '000000');
  assertErrorBody(wrong, 'AUTHENTICATION_FAILED');
  assert.equal(wrong.body.stepId, 'get-mfa');
  assert.equal((await c.mfa(username, await totpNow(totpSeed))).body.stepId, 'end-of-workflow-success');
});

test('the browser\'s extra fields are accepted; malformed inputs are SIGNIN_BAD_REQUEST_ERROR', async () => {
  const c = await atPassword();
  const noUser = await c.step('get-password', [{ input_type: 'PasswordRequestInput', password: 'x', successfullyEncrypted: 'SUCCESSFUL' }]);
  assertErrorBody(noUser, 'SIGNIN_BAD_REQUEST_ERROR');
  const ctx0 = c.last.workflowResponseData.encryptionContextResponse;
  const noPrefs = await c.step('get-password', [
    { input_type: 'PasswordRequestInput', password: await encryptSecret(password, ctx0), successfullyEncrypted: 'SUCCESSFUL' },
    userInput(username),
  ]);
  assert.equal(noPrefs.body.stepId, 'get-mfa', 'UserPreferencesRequestInput is optional');

  const d = await atPassword();
  const trustNotBool = await d.step('get-password', [
    { input_type: 'PasswordRequestInput', password: 'x', successfullyEncrypted: 'SUCCESSFUL' },
    { input_type: 'UserPreferencesRequestInput', trustDevice: 'yes' },
    userInput(username),
  ]);
  assert.equal(errorCode(trustNotBool), 'SIGNIN_BAD_REQUEST_ERROR');

  const e = await atPassword();
  const ctx = e.last.workflowResponseData.encryptionContextResponse;
  const browserLike = await e.step('get-password', [
    { input_type: 'PasswordRequestInput', password: await encryptSecret(password, ctx), successfullyEncrypted: 'SUCCESSFUL', passwordString: null, errorLog: null },
    preferencesInput(false),
    userInput(username),
    { input_type: 'FingerPrintRequestInput', fingerPrint: 'opaque' },
  ]);
  assert.equal(browserLike.body.stepId, 'get-mfa');
});

test('the token exchange wants the csrf token of the sign-in and takes each code once', async () => {
  const c = await atPassword();
  await c.password(username, password);
  await c.mfa(username, await totpNow(totpSeed));
  const bad = await c.ssoToken('123');
  assert.equal(bad.status, 401);
  assert.equal(bad.headers.get('x-amzn-errortype'), 'UnauthorizedException');
  const good = await c.ssoToken();
  assert.equal(good.status, 200);
  assert.deepEqual(Object.keys(good.body).sort(), ['errorMessage', 'initType', 'redirectUrl', 'relayId', 'token']);
  assert.equal(good.body.errorMessage, null);
  assert.equal((await c.ssoToken()).status, 401);
});
