// GetRoleCredentials over node's own http (the stored-session fast path) against a loopback
// server: what it sends (docs/protocol.md §5), what it reads, and where it refuses to go.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { fetchRoleCredentials } from '../../src/http/role-credentials-fetch.js';

let server: Server;
let origin: string;
const seen: IncomingMessage[] = [];
let answer: { status: number; body: string } = { status: 200, body: '' };

before(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const target = (over: Partial<Parameters<typeof fetchRoleCredentials>[0]> = {}) =>
  ({ endpoint: origin, allowedOrigins: [origin], token: 'portal-token', accountId: '111122223333', roleName: 'ReadOnly Access', ...over });

test('sends the bearer header and the role as the portal API takes them, and reads the credentials', async () => {
  const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 't', expiration: 1_900_000_000_000 };
  answer = { status: 200, body: JSON.stringify({ roleCredentials: creds }) };
  seen.length = 0;
  assert.deepEqual(await fetchRoleCredentials(target({ endpoint: `${origin}/` })), creds);
  const req = seen[0]!;
  const url = new URL(req.url!, origin);
  assert.equal(req.method, 'GET');
  assert.equal(url.pathname, '/federation/credentials');
  assert.deepEqual(Object.fromEntries(url.searchParams), { account_id: '111122223333', role_name: 'ReadOnly Access' });
  assert.equal(req.headers['x-amz-sso_bearer_token'], 'portal-token');
  assert.match(req.headers['user-agent'] ?? '', /^awssso\/\d/);
});

test('an answer that is not a readable 200 is an error, for the caller to hand over', async () => {
  answer = { status: 401, body: '{"message":"Session token not found or invalid"}' };
  await assert.rejects(fetchRoleCredentials(target()), /HTTP 401/);
  answer = { status: 200, body: '{"roleCredentials":{"accessKeyId":"A"}}' };
  await assert.rejects(fetchRoleCredentials(target()), /GetRoleCredentials: the portal's answer has no expiration/);
});

test('a host outside the AWS families and the configured origins is refused before anything is sent', async () => {
  seen.length = 0;
  const elsewhere = origin.replace('127.0.0.1', 'localhost');
  await assert.rejects(fetchRoleCredentials(target({ endpoint: elsewhere })), /refusing a request to localhost/);
  await assert.rejects(fetchRoleCredentials(target({ endpoint: 'http://portal.sso.eu-west-1.amazonaws.com' })), /plain http:\/\/ is allowed only for loopback/);
  assert.equal(seen.length, 0);
});
