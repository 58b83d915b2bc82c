// Which region a start URL names: from a newer portal's host, or from where the portal redirects a
// browser with no session (a real loopback server standing in for the portal), never from a
// request to the host that names it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { discoverRegion } from '../../src/http/region-discovery.js';
import { regionOfHost, isAwsRegion } from '../../src/http/aws-hosts.js';
import { startLoopback, type Loopback } from './loopback.js';
import { testHttp } from './emulator-kit.js';

const servers: Loopback[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function portal(location: (origin: string) => string | undefined): Promise<Loopback> {
  const server: Loopback = await startLoopback((req, res) => {
    const to = req.url.startsWith('/start') ? location(server.origin) : undefined;
    if (to) res.writeHead(302, { location: to }).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
  });
  servers.push(server);
  return server;
}

const target = (s: Loopback) => ({ url: s.origin, startUrl: `${s.origin}/start`, region: 'us-east-1' });

test('a portal that redirects to its sign-in host names the region; that host is not asked', async () => {
  const server = await portal(() => 'https://eu-west-2.signin.aws/platform/d-0123456789/login?workflowStateHandle=x');
  assert.equal(await discoverRegion(testHttp(target(server)), `${server.origin}/start`), 'eu-west-2');
  assert.equal(server.received.length, 1);
});

test('only AWS hosts are followed: a redirect back to loopback or elsewhere ends the search', async () => {
  const server = await portal((origin) => `${origin}/start-2`);
  const chain = await portal(() => 'http://localhost:9/start');
  assert.equal(await discoverRegion(testHttp(target(server)), `${server.origin}/start`), undefined, 'a loop back to loopback ends it');
  assert.equal(await discoverRegion(testHttp(target(chain)), `${chain.origin}/start`), undefined, 'a non-AWS host is not followed');
});

test('no redirect, an unreachable portal: no proposal, no error', async () => {
  const server = await portal(() => undefined);
  assert.equal(await discoverRegion(testHttp(target(server)), `${server.origin}/start`), undefined);
  assert.equal(await discoverRegion(testHttp({ url: 'http://127.0.0.1:9', startUrl: 'http://127.0.0.1:9/start', region: 'x' }), 'http://127.0.0.1:9/start'), undefined);
});

test('hosts that name a region, and the region format', () => {
  assert.equal(regionOfHost('ssoins-0123456789abcdef.portal.ap-southeast-2.app.aws'), 'ap-southeast-2');
  assert.equal(regionOfHost('us-gov-west-1.sso.signin.aws'), 'us-gov-west-1');
  assert.equal(regionOfHost('portal.sso.eu-central-1.amazonaws.com'), 'eu-central-1');
  assert.equal(regionOfHost('d-0123456789.awsapps.com'), undefined);
  assert.ok(isAwsRegion('us-east-1') && isAwsRegion('cn-north-1') && isAwsRegion('us-gov-west-1'));
  assert.ok(!isAwsRegion('Europe') && !isAwsRegion('us-east') && !isAwsRegion('eu_west_1'));
});
