import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieJar } from 'tough-cookie';
import type { Har } from 'har-format';
import { createHttp } from '../../src/http/client.js';
import { HarRecorder } from '../../src/http/hooks/har-recorder.js';
import { startLoopback, sendJson } from './loopback.js';
import { saveHar } from '../../src/store/har-file.js';

// One value per kind of secret; none may survive into the recording.
const secrets = {
  jwe: 'eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.c2VjcmV0a2V5.aXZpdml2.Y2lwaGVydGV4dA.dGFndGFn',
  mfaCode: '493021',
  newPassword: 'eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.bmV3a2V5.aXZpdjI.bmV3cGFzcw.dGFnMg',
  bearer: 'portal-session-token-9f8e7d',
  csrf: '8877665544',
  authCode: 'auth-code-result-handle-123',
  portalToken: 'fresh-portal-token-abcdef',
  accessToken: 'oidc-access-token-qwerty',
  refreshToken: 'oidc-refresh-token-asdfgh',
  clientSecret: 'oidc-client-secret-zxcvbn',
  deviceCode: 'oidc-device-code-poiuyt',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN',
  signinToken: 'federation-signin-token-lkjhgf',
  cookie: 'trusted-device-cookie-value-mnbvc',
  sentCookie: 'session-cookie-value-rewq',
};

test('a HAR recording keeps the exchange and loses every secret', async () => {
  const server = await startLoopback((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/platform/d-0123456789/api/execute') {
      sendJson(res, 200, {
        stepId: 'end-of-workflow-success', workflowStateHandle: 'h-2',
        redirect: { url: `http://127.0.0.1/start/?workflowResultHandle=${secrets.authCode}&state=s-1`, method: 'GET' },
      }, { 'set-cookie': [`device=${secrets.cookie}; Path=/; HttpOnly`] });
    } else if (path === '/auth/sso-token') {
      sendJson(res, 200, { token: secrets.portalToken, redirectUrl: 'http://127.0.0.1/start/' });
    } else if (path === '/federation/credentials') {
      sendJson(res, 200, { roleCredentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: secrets.secretAccessKey, sessionToken: secrets.sessionToken, expiration: 1 } });
    } else if (path === '/token') {
      sendJson(res, 200, { accessToken: secrets.accessToken, refreshToken: secrets.refreshToken, clientSecret: secrets.clientSecret, deviceCode: secrets.deviceCode, tokenType: 'Bearer' });
    } else if (path === '/federation') {
      sendJson(res, 200, { SigninToken: secrets.signinToken });
    } else {
      sendJson(res, 404, {});
    }
  });
  const dir = await mkdtemp(join(tmpdir(), 'awssso-har-'));
  try {
    const jar = new CookieJar();
    await jar.setCookie(`sid=${secrets.sentCookie}`, server.url);
    const recorder = new HarRecorder();
    const http = createHttp({ cookieJar: jar, extraAllowedOrigins: [server.origin], record: recorder });
    await http.post(`${server.origin}/platform/d-0123456789/api/execute`, {
      json: {
        stepId: 'get-mfa', workflowStateHandle: 'h-1', actionId: 'SUBMIT', requestId: 'r-1',
        inputs: [
          { input_type: 'PasswordRequestInput', password: secrets.jwe, successfullyEncrypted: 'SUCCESSFUL' },
          { input_type: 'UpdatePasswordRequestInput', newPassword: secrets.newPassword, successfullyEncrypted: 'SUCCESSFUL' },
          { input_type: 'MfaRequestInput', mfaType: 'TOTP', mfaCode: secrets.mfaCode, rememberDevice: true },
        ],
      },
    });
    await http.post(`${server.origin}/auth/sso-token`, {
      form: { authCode: secrets.authCode, state: 's-1', orgId: 'd-0123456789' },
      headers: { 'x-amz-sso-csrf-token': secrets.csrf },
    });
    await http.get(`${server.origin}/federation/credentials?account_id=111122223333&role_name=Admin`, { headers: { 'x-amz-sso_bearer_token': secrets.bearer } });
    await http.post(`${server.origin}/token`, { json: { clientId: 'c-1', clientSecret: secrets.clientSecret, deviceCode: secrets.deviceCode, refreshToken: secrets.refreshToken } });
    const session = JSON.stringify({ sessionId: 'ASIAEXAMPLE', sessionKey: secrets.secretAccessKey, sessionToken: secrets.sessionToken });
    await http.get(`${server.origin}/federation`, { searchParams: { Action: 'getSigninToken', Session: session, SigninToken: secrets.signinToken } });

    const file = join(dir, 'flow.har');
    await saveHar(file, recorder.toHar('test flow'));
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const text = await readFile(file, 'utf8');
    for (const [kind, value] of Object.entries(secrets)) {
      assert.ok(!text.includes(value) && !text.includes(encodeURIComponent(value)), `${kind} leaked into the recording`);
    }

    // what is not secret stays, so the recording still says what happened
    const har = JSON.parse(text) as Har;
    assert.equal(har.log.version, '1.2');
    assert.deepEqual(har.log.entries.map((e) => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`), [
      'POST /platform/d-0123456789/api/execute 200',
      'POST /auth/sso-token 200',
      'GET /federation/credentials 200',
      'POST /token 200',
      'GET /federation 200',
    ]);
    const [step, token, credentials] = har.log.entries;
    const stepBody = JSON.parse(step!.request.postData!.text!);
    assert.equal(stepBody.stepId, 'get-mfa');
    assert.deepEqual(stepBody.inputs.map((i: { input_type: string }) => i.input_type), ['PasswordRequestInput', 'UpdatePasswordRequestInput', 'MfaRequestInput']);
    assert.equal(stepBody.inputs[2].mfaType, 'TOTP');
    assert.deepEqual(step!.response.cookies.map((c) => c.name), ['device']);
    assert.deepEqual(step!.request.cookies.map((c) => c.name), ['sid']);
    assert.match(token!.request.postData!.text!, /^authCode=REDACTED&state=s-1&orgId=d-0123456789$/);
    assert.deepEqual(credentials!.request.queryString, [{ name: 'account_id', value: '111122223333' }, { name: 'role_name', value: 'Admin' }]);
    assert.ok(credentials!.response.content.text!.includes('ASIAEXAMPLE'));
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
