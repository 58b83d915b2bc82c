// OIDC over real HTTP: the device flow approved by a portal session, refresh tokens, the
// PKCE authorization_code flow with S256 checking, and console federation.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startEmulator, type RunningEmulator } from './server.js';
import { SignInClient } from './testkit.js';

const user = { username: 'dev@example.com', password: 'Dev-Passw0rd!', mfa: 'off' as const };
let emu: RunningEmulator;
let portal: string;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${emu.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

async function location(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  assert.equal(res.status, 302, `GET ${url} redirects`);
  return new URL(res.headers.get('location')!);
}

before(async () => {
  emu = await startEmulator({ scenario: { users: [user] } });
  portal = await new SignInClient(emu).signIn(user.username, user.password);
});
after(() => emu.close());

test('device flow: pending until a portal session accepts and associates, then tokens that refresh', async () => {
  const reg = await post('/client/register', { clientName: 'botocore-client', clientType: 'public', scopes: ['sso:account:access'] });
  assert.equal(reg.status, 200);
  const { clientId, clientSecret } = reg.body;
  const nowS = Date.now() / 1000;
  assert.ok(reg.body.clientSecretExpiresAt > nowS + 86400 && reg.body.clientSecretExpiresAt < nowS * 2, 'expiry in epoch seconds');

  const dev = await post('/device_authorization', { clientId, clientSecret, startUrl: `${emu.startUrl}#/` });
  assert.equal(dev.status, 200);
  assert.ok(dev.body.verificationUriComplete.includes(dev.body.userCode));
  const poll = () => post('/token', { clientId, clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: dev.body.deviceCode });

  const pending = await poll();
  assert.equal(pending.status, 400);
  assert.equal(pending.body.error, 'authorization_pending');
  assert.equal(pending.headers.get('x-amzn-errortype'), 'AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/');

  const accepted = await post('/device_authorization/accept_user_code', { userCode: dev.body.userCode, userSessionId: portal });
  assert.equal(accepted.status, 200);
  assert.equal(accepted.body.deviceContext.clientId, clientId);
  assert.equal((await post('/device_authorization/associate_token', { deviceContext: accepted.body.deviceContext, userSessionId: portal })).status, 200);

  const tok = await poll();
  assert.equal(tok.status, 200);
  assert.equal(tok.body.tokenType, 'Bearer');
  const accounts = await fetch(`${emu.url}/assignment/accounts`, { headers: { 'x-amz-sso_bearer_token': tok.body.accessToken } });
  assert.equal(accounts.status, 200, 'the access token is a portal bearer token');

  const refreshed = await post('/token', { clientId, clientSecret, grantType: 'refresh_token', refreshToken: tok.body.refreshToken });
  assert.equal(refreshed.status, 200);
  assert.notEqual(refreshed.body.accessToken, tok.body.accessToken);
  const reused = await post('/token', { clientId, clientSecret, grantType: 'refresh_token', refreshToken: tok.body.refreshToken });
  assert.equal(reused.body.error, 'invalid_grant');

  // Logout with the refreshed access token ends the refresh token issued beside it.
  const out = await fetch(`${emu.url}/logout`, { method: 'POST', headers: { 'x-amz-sso_bearer_token': refreshed.body.accessToken } });
  assert.equal(out.status, 200);
  const afterLogout = await post('/token', { clientId, clientSecret, grantType: 'refresh_token', refreshToken: refreshed.body.refreshToken });
  assert.equal(afterLogout.body.error, 'invalid_grant');

  const wrongSecret = await post('/token', { clientId, clientSecret: 'nope', grantType: 'refresh_token', refreshToken: 'x' });
  assert.equal(wrongSecret.status, 401);
  assert.match(wrongSecret.headers.get('x-amzn-errortype')!, /^InvalidClientException:/);
});

async function pkceCode(clientId: string, challenge: string): Promise<URL> {
  const q = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: 'http://127.0.0.1:54321/oauth/callback', state: 'st-1',
    code_challenge_method: 'S256', scopes: 'sso:account:access', code_challenge: challenge,
  });
  const first = await location(`${emu.url}/authorize?${q}`);
  const orchestratorId = first.searchParams.get('orchestrator_id')!;
  const auth = await post('/authentication_result', { orchestrator_id: orchestratorId }, { 'x-amz-sso_bearer_token': portal });
  assert.equal(auth.status, 200);
  const resume = await location(auth.body.location);
  const context = resume.searchParams.get('authorizationResumptionContext')!;
  const assoc = await post('/device_authorization/associate_token', { authorizationResumptionContext: context, userSessionId: portal });
  assert.equal(assoc.status, 200);
  return location(assoc.body.location);
}

test('PKCE: the approval chain redirects to the callback with a code that only the right verifier redeems', async () => {
  const reg = await post('/client/register', {
    clientName: 'awscli', clientType: 'public', scopes: ['sso:account:access'],
    grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'],
  });
  const { clientId, clientSecret } = reg.body;
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redeem = (code: string, codeVerifier: string) => post('/token', {
    clientId, clientSecret, grantType: 'authorization_code', code, codeVerifier, redirectUri: 'http://127.0.0.1:54321/oauth/callback',
  });

  const callback = await pkceCode(clientId, challenge);
  assert.equal(`${callback.origin}${callback.pathname}`, 'http://127.0.0.1:54321/oauth/callback');
  assert.equal(callback.searchParams.get('state'), 'st-1');
  const ok = await redeem(callback.searchParams.get('code')!, verifier);
  assert.equal(ok.status, 200);
  assert.ok(ok.body.accessToken && ok.body.refreshToken);

  const again = await pkceCode(clientId, challenge);
  const wrong = await redeem(again.searchParams.get('code')!, randomBytes(48).toString('base64url'));
  assert.equal(wrong.body.error, 'invalid_grant');
  assert.match(wrong.headers.get('x-amzn-errortype')!, /^InvalidGrantException:/);
});

test('federation: getSigninToken takes vended credentials, and Action=login opens that role', async () => {
  const res = await fetch(`${emu.url}/federation/credentials?account_id=444455556666&role_name=PowerUserAccess`, { headers: { 'x-amz-sso_bearer_token': portal } });
  const c = ((await res.json()) as any).roleCredentials;
  const session = (s: object) => encodeURIComponent(JSON.stringify(s));
  const good = session({ sessionId: c.accessKeyId, sessionKey: c.secretAccessKey, sessionToken: c.sessionToken });

  const tokenRes = await fetch(`${emu.url}/federation?Action=getSigninToken&SessionDuration=3600&Session=${good}`);
  assert.equal(tokenRes.status, 200);
  const { SigninToken } = (await tokenRes.json()) as { SigninToken: string };
  const dest = encodeURIComponent('https://console.aws.amazon.com/');
  const login = await fetch(`${emu.url}/federation?Action=login&Issuer=${encodeURIComponent(emu.startUrl)}&Destination=${dest}&SigninToken=${SigninToken}`);
  assert.equal(login.status, 200);
  assert.match(await login.text(), /PowerUserAccess[\s\S]*444455556666/);

  const forged = session({ sessionId: c.accessKeyId, sessionKey: 'forged', sessionToken: c.sessionToken });
  assert.equal((await fetch(`${emu.url}/federation?Action=getSigninToken&Session=${forged}`)).status, 400);
  assert.equal((await fetch(`${emu.url}/federation?Action=getSigninToken&SessionDuration=60&Session=${good}`)).status, 400);
  assert.deepEqual(emu.requests.filter((r) => r.path === '/federation').map((r) => `${r.op}:${r.status}`),
    ['GetSigninToken:200', 'FederationLogin:200', 'GetSigninToken:400', 'GetSigninToken:400']);
});
