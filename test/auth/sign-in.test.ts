// The sign-in chain as src/auth runs it, against the emulator, with a person who answers
// prompts (a scripted Asker): what is stored afterwards is what will work next time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieJar } from 'tough-cookie';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { signInAs } from '../../src/auth/sign-in.js';
import type { RunOptions } from '../../src/auth/run-options.js';
import type { Asker } from '../../src/auth/ports.js';
import { silentProgress } from '../../src/cli/progress.js';
import { createHttp } from '../../src/http/client.js';
import { configuredOrigins } from '../../src/http/endpoints.js';
import { FileSecretStore } from '../../src/store/secret-file.js';
import { secretName } from '../../src/store/secret-store.js';
import { NeedsPerson } from '../../src/errors.js';
import { assertPortalAccepts } from '../helpers/session-check.js';

const USER = { username: 'new@example.com', password: 'Admin-Issued1!' };
let emu: RunningEmulator;
let dir: string;

before(async () => {
  emu = await startEmulator({ scenario: { users: [{ ...USER, mustChangePassword: true, mfa: 'off' }] } });
  dir = mkdtempSync(join(tmpdir(), 'awssso-auth-'));
});
after(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A person at the terminal who answers each question from `answers`, and a record of what was asked. */
function person(answers: Record<string, string>): Asker & { asked: string[] } {
  const asked: string[] = [];
  const answer = async (question: string) => {
    asked.push(question);
    const key = Object.keys(answers).find((k) => question.startsWith(k));
    if (!key) throw new Error(`unexpected question: ${question}`);
    return answers[key]!;
  };
  return { canAsk: true, asked, text: answer, secret: answer, choose: async () => { throw new Error('no choice expected'); } };
}

function runFor(asker: Asker): RunOptions {
  return {
    profile: { name: 'new', url: emu.startUrl, region: emu.region, username: USER.username },
    asker,
    progress: silentProgress,
    warn: () => {},
    inform: () => {},
    browser: { mode: 'http-only', headless: true },
    whatToRun: 'run `awssso login -p new` in a terminal',
    env: { ...process.env, AWSSSO_CONFIG_DIR: dir, AWS_ENDPOINT_URL_SSO: emu.url },
  };
}

function tools(run: RunOptions, secrets: FileSecretStore) {
  const jar = new CookieJar();
  return { http: createHttp({ cookieJar: jar, extraAllowedOrigins: configuredOrigins(emu.startUrl, run.env) }), jar, secrets };
}

test('a typed password that must be changed: the new one is stored, and the next sign-in uses it without asking', async () => {
  const secrets = new FileSecretStore(join(dir, 'secrets.enc'), { AWSSSO_FILE_PASSPHRASE: 'test' });
  const first = runFor(person({ Password: USER.password, 'New password': 'Chosen-Passw0rd!' }));
  const firstTools = tools(first, secrets);
  const token = await signInAs(first, firstTools);
  await assertPortalAccepts(firstTools.http, emu.url, token, USER.username);
  assert.deepEqual((first.asker as ReturnType<typeof person>).asked, ['Password', 'New password (your administrator asks you to choose one)']);
  assert.equal(await secrets.get(secretName('password', USER.username, emu.startUrl)), 'Chosen-Passw0rd!');

  const nobody = runFor(person({}));
  const nobodyTools = tools(nobody, secrets);
  const again = await signInAs(nobody, nobodyTools);
  await assertPortalAccepts(nobodyTools.http, emu.url, again, USER.username);
  assert.deepEqual((nobody.asker as ReturnType<typeof person>).asked, []);
});

test('no stored password and nobody to ask: NeedsPerson says what to run', async () => {
  const secrets = new FileSecretStore(join(dir, 'empty.enc'), { AWSSSO_FILE_PASSPHRASE: 'test' });
  const run = { ...runFor(person({})), asker: { ...person({}), canAsk: false } };
  await assert.rejects(signInAs(run, tools(run, secrets)),
    new NeedsPerson('no password is stored for new@example.com: run `awssso login -p new` in a terminal'));
});

test('an HTTP refusal proves nothing: with no browser allowed the stored password is kept and the person is told what to run', async () => {
  const secrets = new FileSecretStore(join(dir, 'kept.enc'), { AWSSSO_FILE_PASSPHRASE: 'test' });
  const name = secretName('password', USER.username, emu.startUrl);
  await secrets.set(name, 'Not-The-Passw0rd!');
  const run = { ...runFor(person({})), asker: { ...person({}), canAsk: false } };
  await assert.rejects(signInAs(run, tools(run, secrets)), (error: Error) => {
    assert.ok(error instanceof NeedsPerson);
    assert.match(error.message, /^the sign-in refused step `get-password` \(HTTP 400, AUTHENTICATION_FAILED: .*\); run `awssso login -p new` in a terminal$/);
    return true;
  });
  assert.equal(await secrets.get(name), 'Not-The-Passw0rd!');
});
