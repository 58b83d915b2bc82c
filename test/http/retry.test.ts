import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'tough-cookie';
import { createHttp } from '../../src/http/client.js';
import { SessionExpired } from '../../src/errors.js';
import { startLoopback, sendJson } from './loopback.js';

const throttled = { message: 'Rate exceeded' };
const throttleHeaders = { 'x-amzn-errortype': 'TooManyRequestsException', 'retry-after': '1' };

test('a 429 with Retry-After is retried after the time the server asked for, then succeeds', async () => {
  const server = await startLoopback((_req, res) => {
    if (server.received.length === 1) sendJson(res, 429, throttled, throttleHeaders);
    else sendJson(res, 200, { accountList: [] });
  });
  try {
    const log: string[] = [];
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [server.origin], log: (line) => log.push(line), retry: { limit: 3 } });
    assert.deepEqual(await http.get(`${server.origin}/assignment/accounts`).json(), { accountList: [] });
    assert.equal(server.received.length, 2);
    assert.deepEqual(log.filter((line) => line.includes('retry')), [
      `HTTP 429 from ${server.origin.slice(7)}; retry 1 of 3 in 1000 ms (Retry-After)`,
    ]);
  } finally {
    await server.close();
  }
});

test('throttling that does not stop ends after the limit with a one-line error naming the tries', async () => {
  const server = await startLoopback((_req, res) => sendJson(res, 429, throttled, { 'x-amzn-errortype': 'TooManyRequestsException' }));
  try {
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [server.origin], retry: { limit: 2, baseDelayMs: 5 } });
    const error = await http.get(`${server.origin}/assignment/roles`).then(() => undefined, (e: unknown) => e as Error);
    assert.equal(error?.message, 'AWS throttled the request (TooManyRequestsException) after 3 tries; try again in a minute');
    assert.equal(server.received.length, 3);
  } finally {
    await server.close();
  }
});

test('a Retry-After longer than the client will wait fails at once instead of hanging', async () => {
  const server = await startLoopback((_req, res) => sendJson(res, 503, {}, { 'retry-after': '3600' }));
  try {
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [server.origin], retry: { maxRetryAfterMs: 5000 } });
    await assert.rejects(http.get(server.url), /503/);
    assert.equal(server.received.length, 1);
  } finally {
    await server.close();
  }
});

test('server errors without Retry-After are retried with backoff; sign-in POSTs are not retried', async () => {
  const server = await startLoopback((_req, res) => {
    if (server.received.length === 1 || server.received.length === 3) sendJson(res, 502, {});
    else sendJson(res, 200, { ok: true });
  });
  try {
    const log: string[] = [];
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [server.origin], log: (l) => log.push(l), retry: { baseDelayMs: 5 } });
    assert.deepEqual(await http.get(server.url).json(), { ok: true });
    assert.equal(server.received.length, 2);
    assert.match(log.find((l) => l.includes('retry'))!, /^HTTP 502 from .*; retry 1 of 3 in \d+ ms$/);
    await assert.rejects(http.post(`${server.origin}/platform/d-0123456789/api/execute`, { json: {} }), /502/);
    assert.equal(server.received.length, 3);
  } finally {
    await server.close();
  }
});

test('401 UnauthorizedException becomes SessionExpired; an unreachable host is one line', async () => {
  const server = await startLoopback((_req, res) => sendJson(res, 401, { message: 'Session token not found or invalid' }, { 'x-amzn-errortype': 'UnauthorizedException' }));
  const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [server.origin], retry: { limit: 1, baseDelayMs: 5 } });
  try {
    const expired = await http.get(server.url).then(() => undefined, (e: unknown) => e as Error);
    assert.ok(expired instanceof SessionExpired);
    assert.equal(expired.message, 'the portal session has expired or was revoked; run `awssso login` to sign in again');
  } finally {
    await server.close();
  }
  // the port is closed now: nothing listens there
  const refused = await http.get(server.url).then(() => undefined, (e: unknown) => e as Error);
  assert.equal(refused?.message, `cannot reach ${server.origin.slice(7)}: ECONNREFUSED`);
});
