import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { CookieJar } from 'tough-cookie';
import { cookiesDir } from '../../src/store/paths.js';
import { cookieJarPath, loadCookieJar, saveCookieJar } from '../../src/store/cookie-jar.js';
import { tempDir } from './support.js';

const URL_A = 'https://d-0123456789.awsapps.com/start#/';

test('one jar file per username and start URL, under ~/.awssso/cookies', (t) => {
  const env = { AWSSSO_CONFIG_DIR: tempDir(t) };
  const path = cookieJarPath('me@example.com', URL_A, env);
  assert.equal(dirname(path), cookiesDir(env));
  assert.equal(cookieJarPath('me@example.com', URL_A, env), path);
  assert.notEqual(cookieJarPath('you@example.com', URL_A, env), path);
  assert.notEqual(cookieJarPath('me@example.com', 'https://other.awsapps.com/start', env), path);
});

test('cookies survive a save and a load, in a 0600 file', async (t) => {
  const path = cookieJarPath('me@example.com', URL_A, { AWSSSO_CONFIG_DIR: tempDir(t) });
  const { jar, warning } = await loadCookieJar(path);
  assert.equal(warning, undefined);
  const site = 'https://us-east-1.signin.aws/platform/login';
  await jar.setCookie('trusted-device=abc123; Domain=signin.aws; Path=/; Max-Age=2592000; Secure; HttpOnly', site);
  await jar.setCookie('session=s1; Path=/; Secure', site);
  await saveCookieJar(path, jar);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const loaded = await loadCookieJar(path);
  assert.equal(loaded.warning, undefined);
  assert.equal(await loaded.jar.getCookieString(site), await jar.getCookieString(site));
  assert.match(await loaded.jar.getCookieString(site), /trusted-device=abc123/);
});

test('a damaged jar file gives a fresh jar and a warning, never a crash', async (t) => {
  const path = cookieJarPath('me@example.com', URL_A, { AWSSSO_CONFIG_DIR: tempDir(t) });
  await saveCookieJar(path, new CookieJar());
  for (const junk of ['{"cookies": [', '{}', 'null']) {
    writeFileSync(path, junk);
    const { jar, warning } = await loadCookieJar(path);
    assert.ok(jar instanceof CookieJar);
    assert.equal((await jar.serialize()).cookies.length, 0);
    assert.match(warning!, new RegExp(`^starting with no cookies: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged`));
  }
});
