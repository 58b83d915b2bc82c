// OIDC device authorization approved with a portal session, and the console sign-in URL,
// against the loopback emulator.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Got } from 'got';
import { SessionExpired } from '../../src/errors.js';
import { OidcClient, OidcError } from '../../src/http/oidc.js';
import { consoleSigninUrl } from '../../src/http/federation.js';
import { PortalClient } from '../../src/http/portal.js';
import { signInOverHttp } from '../../src/signin/http/sign-in-over-http.js';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { signInContext, testHttp } from './emulator-kit.js';

let emu: RunningEmulator;
let http: Got;
let portalToken: string;
before(async () => {
  emu = await startEmulator();
  http = testHttp(emu);
  portalToken = await signInOverHttp(signInContext(emu, http).ctx);
});
after(() => emu.close());

test('a device code approved with the portal session yields an access token', async () => {
  const oidc = new OidcClient(http, emu.url);
  const client = await oidc.registerClient({ clientName: 'awssso-test', scopes: ['sso:account:access'] });
  assert.ok(client.clientSecretExpiresAt > Date.now() / 1000);
  const device = await oidc.startDeviceAuthorization({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: emu.startUrl });
  const grant = { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code' as const, deviceCode: device.deviceCode };

  await assert.rejects(oidc.createToken(grant), (error: Error) => error instanceof OidcError && error.error === 'authorization_pending');
  await oidc.associateDeviceCode(await oidc.acceptUserCode(device.userCode, portalToken), portalToken);
  const token = await oidc.createToken(grant);
  assert.equal(token.tokenType, 'Bearer');
  assert.ok(token.refreshToken);
  // the access token is a portal bearer token, as the AWS CLI uses it
  assert.equal((await new PortalClient(http, emu.url, token.accessToken).listAccounts()).length, 3);
  assert.deepEqual(emu.requests.filter((r) => ['AcceptUserCode', 'AssociateToken', 'CreateToken'].includes(r.op)).map((r) => `${r.op}:${r.status}`),
    ['CreateToken:400', 'AcceptUserCode:200', 'AssociateToken:200', 'CreateToken:200']);
});

test('a wrong user code is refused in one line; an unknown portal session is SessionExpired', async () => {
  const oidc = new OidcClient(http, emu.url);
  await assert.rejects(oidc.acceptUserCode('ZZZZ-ZZZZ', portalToken),
    new OidcError('InvalidRequestException', 'AcceptUserCode refused: InvalidRequestException (The code is invalid or has expired)'));
  await assert.rejects(oidc.acceptUserCode('ZZZZ-ZZZZ', 'not-a-session'), (error: Error) => error instanceof SessionExpired);
});

test('role credentials become a console sign-in URL; a refused SessionDuration is dropped once', async () => {
  const creds = await new PortalClient(http, emu.url, portalToken).getRoleCredentials('111122223333', 'ReadOnlyAccess');
  const endpoint = `${emu.url}/federation`;
  const url = await consoleSigninUrl(http, creds, { endpoint, issuer: emu.startUrl, sessionDurationSeconds: 99_999 });
  const parsed = new URL(url);
  assert.equal(parsed.origin + parsed.pathname, endpoint);
  assert.equal(parsed.searchParams.get('Action'), 'login');
  assert.equal(parsed.searchParams.get('Issuer'), emu.startUrl);
  assert.equal(parsed.searchParams.get('Destination'), 'https://console.aws.amazon.com/');
  const tokenCalls = emu.requests.filter((r) => r.op === 'GetSigninToken').map((r) => r.status);
  assert.deepEqual(tokenCalls, [400, 200]);
  // the URL opens the console (the emulator's stand-in page)
  const page = await http.get(url);
  assert.equal(page.statusCode, 200);
});
