// The HTTP sign-in against the flows transcribed from public 2026 captures and client code
// (test/recordings/public-shapes, docs/protocol.md §2-§4), replayed over a socket: every request
// as the file expects it (region-prefixed JWE claims aside, which only a live key could check),
// every entry used, and the outcome a user would see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Har } from 'har-format';
import { CookieJar } from 'tough-cookie';
import { createHttp } from '../../src/http/client.js';
import { HandOver } from '../../src/signin/contract.js';
import { sessionFor } from '../../src/http/portal.js';
import { signInOverHttp } from '../../src/signin/http/sign-in-over-http.js';
import { fixture } from '../helpers/paths.js';
import { replayHar } from '../recordings/replay.js';
import { signInContext } from './emulator-kit.js';

const USER = 'jane.doe@example.com';

/**
 * The file as this client asks for it on loopback: its start URL there names no directory (on the
 * real host, d-0123456789.awsapps.com, the first label does), so `/login` goes without directory_id.
 */
async function loopbackCopy(name: string, dir: string): Promise<string> {
  const har = JSON.parse(await readFile(join(fixture('recordings'), 'public-shapes', `${name}.har`), 'utf8')) as Har;
  for (const entry of har.log.entries) {
    const url = new URL(entry.request.url);
    if (url.pathname !== '/login') continue;
    url.searchParams.delete('directory_id');
    entry.request.url = url.toString();
    entry.request.queryString = entry.request.queryString.filter((q) => q.name !== 'directory_id');
  }
  const file = join(dir, `${name}.har`);
  await writeFile(file, JSON.stringify(har));
  return file;
}

async function replaySignIn(name: string, codes: string[] = []) {
  const dir = await mkdtemp(join(tmpdir(), 'awssso-public-shapes-'));
  const replay = await replayHar(await loopbackCopy(name, dir));
  try {
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [replay.url] });
    const { ctx, asked } = signInContext({ url: replay.url, startUrl: `${replay.url}/start`, region: 'us-east-1' }, http, {
      username: USER,
      password: async () => 'Made-Up-Passw0rd!',
      codes: async () => codes.shift() ?? '',
      mfaCodeFromPerson: true,
      rememberDevice: false,
    });
    // then whoAmI, as awssso asks how long a new session lasts (src/auth/portal-access.ts)
    const outcome = await signInOverHttp(ctx).then(async (token) => (await sessionFor(http, replay.url, token), { token }), (error: Error) => ({ error }));
    return { outcome, asked, mismatches: replay.mismatches(), unconsumed: replay.unconsumed() };
  } finally {
    await replay.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('public shapes, wrong password: the nested AUTHENTICATION_FAILED body is read and handed over with its words', async () => {
  const { outcome, mismatches, unconsumed } = await replaySignIn('wrong-password');
  assert.deepEqual(mismatches, []);
  assert.deepEqual(unconsumed, []);
  assert.ok('error' in outcome && outcome.error instanceof HandOver, String('error' in outcome ? outcome.error : 'signed in'));
  assert.equal(outcome.error.reason, 'refused');
  assert.match(outcome.error.message, /^the sign-in refused step `get-password` \(HTTP 400, AUTHENTICATION_FAILED: Something doesn't compute: /);
});

test('public shapes, "not authorized" twice: the empty captcha shell is no challenge and the token exchange waits', async () => {
  const { outcome, mismatches, unconsumed } = await replaySignIn('sign-in-not-ready');
  assert.deepEqual(mismatches, []);
  assert.deepEqual(unconsumed, []);
  assert.ok('token' in outcome, String('error' in outcome ? outcome.error : ''));
});

test('public shapes, e-mailed code: an empty answer sends RETRY, then the code signs in', async () => {
  const { outcome, asked, mismatches, unconsumed } = await replaySignIn('email-otp', ['', '482913']);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(unconsumed, []);
  assert.ok('token' in outcome, String('error' in outcome ? outcome.error : ''));
  assert.deepEqual(asked.mfa, ['EMAIL_OTP', 'EMAIL_OTP']);
});
