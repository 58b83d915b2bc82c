import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'tough-cookie';
import { createHttp } from '../../src/http/client.js';
import { checkHost, HostRefused } from '../../src/http/hooks/host-policy.js';
import { startLoopback, sendJson } from './loopback.js';

const secret = 'Hunter2-not-for-strangers';

test('plain http:// to a host that is not loopback is refused before any lookup or connection', async () => {
  const lookups: string[] = [];
  const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: ['http://portal.example.com'] }).extend({
    dnsLookup: ((hostname: string, _options: unknown, callback: (e: Error | null, a: string, f: number) => void) => {
      lookups.push(hostname);
      callback(null, '127.0.0.1', 4);
    }) as never,
  });
  await assert.rejects(http.post('http://portal.example.com/auth/sso-token', { json: { password: secret } }), (error: Error) => {
    assert.ok(error instanceof HostRefused);
    assert.equal(error.message, 'refusing a request to portal.example.com: plain http:// is allowed only for loopback hosts');
    return true;
  });
  assert.deepEqual(lookups, []);
});

test('a loopback host that was not configured is refused, and the server hears nothing', async () => {
  const server = await startLoopback((_req, res) => sendJson(res, 200, {}));
  try {
    const http = createHttp({ cookieJar: new CookieJar() });
    await assert.rejects(http.get(server.url), /refusing a request to 127\.0\.0\.1: not an AWS sign-in, portal or federation host/);
    assert.equal(server.received.length, 0);
  } finally {
    await server.close();
  }
});

test('a redirect to a foreign host is refused before the body is sent again', async () => {
  const foreign = await startLoopback((_req, res) => sendJson(res, 200, { stolen: true }), '127.0.0.2');
  const portal = await startLoopback((_req, res) => {
    // 307 makes a client repeat the POST with its body at the new place
    res.writeHead(307, { location: `${foreign.origin}/collect` });
    res.end();
  });
  try {
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [portal.origin] });
    await assert.rejects(http.post(`${portal.origin}/login`, { json: { password: secret } }),
      /^HostRefused: refusing a redirect to 127\.0\.0\.2: not an AWS sign-in, portal or federation host$/m);
    assert.equal(portal.received.length, 1);
    assert.equal(foreign.received.length, 0);
  } finally {
    await Promise.all([portal.close(), foreign.close()]);
  }
});

test('a redirect between configured origins is followed', async () => {
  const second = await startLoopback((_req, res) => sendJson(res, 200, { ok: true }));
  const first = await startLoopback((_req, res) => {
    res.writeHead(302, { location: `${second.origin}/next` });
    res.end();
  });
  try {
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [first.origin, second.origin] });
    assert.deepEqual(await http.get(first.url).json(), { ok: true });
  } finally {
    await Promise.all([first.close(), second.close()]);
  }
});

test('the AWS host families of docs/protocol.md §1 are allowed over https, look-alikes are not', () => {
  const allowed = [
    'https://d-0123456789.awsapps.com/start', 'https://my-team.awsapps.com/start', 'https://start.us-gov-home.awsapps.com/directory/x',
    'https://d-0123456789.awsapps.cn/start',
    'https://ssoins-0123456789abcdef.portal.eu-west-1.app.aws/',
    'https://portal.sso.us-east-1.amazonaws.com/login', 'https://portal.sso.eu-central-1.api.aws/',
    'https://portal.sso-fips.us-gov-west-1.amazonaws.com/', 'https://portal.sso.cn-north-1.amazonaws.com.cn/',
    'https://oidc.us-east-1.amazonaws.com/token', 'https://oidc-fips.us-east-1.amazonaws.com/', 'https://oidc.ap-southeast-2.api.aws/',
    'https://us-east-1.signin.aws/platform/d-0123456789/login', 'https://eu-west-1.sso.signin.aws/',
    'https://signin.aws.amazon.com/federation', 'https://eu-west-1.signin.aws.amazon.com/federation',
    'https://cn-north-1.signin.amazonaws.cn/federation', 'https://us-gov-west-1.signin.amazonaws-us-gov.com/federation',
  ];
  for (const url of allowed) assert.doesNotThrow(() => checkHost(new URL(url), []), url);
  const refused = [
    'http://d-0123456789.awsapps.com/start', 'https://awsapps.com.evil.example/start', 'https://evil-awsapps.com/',
    'https://us-east-1.signin.aws.evil.example/', 'https://portal.sso.us-east-1.amazonaws.com.evil.example/',
    'https://evil.example/?host=signin.aws.amazon.com', 'https://oidc.us-east-1.evil.com/', 'https://signin.aws/',
    'https://login.microsoftonline.com/', 'ftp://portal.sso.us-east-1.amazonaws.com/',
  ];
  for (const url of refused) assert.throws(() => checkHost(new URL(url), []), HostRefused, url);
});
