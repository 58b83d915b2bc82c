// Where the portal sends the sign-in decides whether awssso goes on: only <region>.signin.aws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'tough-cookie';
import { HandOver } from '../../src/signin/contract.js';
import { createHttp } from '../../src/http/client.js';
import { signInOverHttp } from '../../src/signin/http/sign-in-over-http.js';
import { startLoopback, sendJson } from './loopback.js';

async function signInVia(redirectUrl: string, region = 'us-east-1'): Promise<{ error: unknown; received: string[] }> {
  const portal = await startLoopback((_req, res) => sendJson(res, 200, { redirectUrl, csrfToken: '1234567890' }));
  try {
    const jar = new CookieJar();
    const http = createHttp({ cookieJar: jar, extraAllowedOrigins: [portal.origin] });
    const error = await signInOverHttp({
      target: { startUrl: `${portal.origin}/start`, region, portalEndpoint: portal.origin, configuredOrigins: [portal.origin] },
      questions: {
        username: 'demo@example.com',
        codesFromPerson: false,
        password: async () => assert.fail('no password may be asked'),
        mfaCode: async () => assert.fail('no code may be asked'),
      },
      tools: { http, jar, progress: () => {}, warn: () => {} },
    }).then(() => undefined, (e: unknown) => e);
    return { error, received: portal.received.map((r) => `${r.method} ${r.url.split('?')[0]}`) };
  } finally {
    await portal.close();
  }
}

test('a sign-in on an external identity provider goes to the browser', async () => {
  const { error, received } = await signInVia('https://example.okta.com/app/amazon_aws_sso/sso/saml?SAMLRequest=x');
  assert.ok(error instanceof HandOver);
  assert.equal(error.reason, 'external-idp');
  assert.equal(error.message, 'the sign-in goes to example.okta.com, an external identity provider; awssso leaves it to a browser');
  assert.deepEqual(received, ['GET /login']);
});

test('a sign-in on another AWS host than <region>.signin.aws goes to the browser', async () => {
  const { error } = await signInVia('https://eu-west-1.signin.aws/platform/d-0123456789/login?workflowStateHandle=h');
  assert.ok(error instanceof HandOver);
  assert.equal(error.reason, 'foreign-host');
  assert.match(error.message, /^the sign-in runs on eu-west-1\.signin\.aws, not on us-east-1\.signin\.aws/);
});
