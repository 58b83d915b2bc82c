// A challenge in a browser the person can see: awssso says what to do, waits while the person
// does it (here the test clicks the emulator's captcha box), then finishes the sign-in itself;
// and gives up, saying so, when nobody does. The loop cannot tell a headless Chromium from a
// visible one, so these run headless with `visible: true`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import type { ChromeDriver } from '../../src/signin/browser/driver.js';
import { runStates, type RunStatesOptions } from '../../src/signin/browser/run-states.js';
import type { SignInQuestions } from '../../src/signin/contract.js';
import { NeedsPerson } from '../../src/errors.js';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { DEMO_USER, startTestDriver, tempHome, totpNow, type Home } from './kit.js';

let emu: RunningEmulator;
let home: Home;
let driver: ChromeDriver;

before(async () => {
  emu = await startEmulator({ scenario: { challenge: 'captcha' } });
  home = await tempHome();
  driver = await startTestDriver(home);
});

after(async () => {
  await driver?.quit();
  await emu?.close();
  await home?.remove();
});

/** Every cookie of every host (the sign-in host keeps its own session, docs/protocol.md §2): a fresh sign-in. */
const forgetEverySignIn = () => driver.sendDevToolsCommand('Network.clearBrowserCookies', {});

const answers: SignInQuestions = {
  username: DEMO_USER.username,
  codesFromPerson: false,
  password: async () => DEMO_USER.password,
  mfaCode: () => totpNow(DEMO_USER.totpSeed),
};

function options(warn: (line: string) => void, personMs?: number): RunStatesOptions {
  return {
    driver, startUrl: emu.startUrl, questions: answers, visible: true, warn, whatToRun: '', visited: new Set(),
    mayAnswer: (url) => url.startsWith(emu.url), ...(personMs ? { personMs } : {}),
  };
}

test('a visible browser: the person is told once, solves the captcha, and awssso signs in by itself', async () => {
  await forgetEverySignIn();
  await driver.get(emu.startUrl);
  const told: string[] = [];
  const token = await runStates(options((line) => {
    told.push(line);
    // the person, a moment later
    setTimeout(() => void driver.findElement(By.id('captcha-checkbox')).then((box) => box.click()), 500);
  }));
  assert.deepEqual(told, [
    'the sign-in needs you (captcha): complete it in the Chrome window; awssso goes on by itself (waiting up to 5 minutes)',
  ]);
  const whoAmI = await fetch(`${emu.url}/token/whoAmI`, { headers: { 'x-amz-sso_bearer_token': token } });
  assert.equal(whoAmI.status, 200, 'the token is a live portal session');
  assert.equal(emu.requests.filter((r) => r.op === 'SignInStep' && r.step === 'verify-captcha' && r.status === 200).length, 1);
});

test('nobody solves the captcha: the wait ends, saying so', async () => {
  await forgetEverySignIn();
  await driver.get(emu.startUrl);
  await assert.rejects(runStates(options(() => undefined, 1500)), (error: Error) => {
    assert.ok(error instanceof NeedsPerson);
    assert.equal(error.message, 'the captcha was not completed within 2 s');
    return true;
  });
});
