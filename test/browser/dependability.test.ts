// Dependability of the browser method: 20 forced browser sign-ins in a row, two at a time on
// separate homes, beside a busy CPU, against the emulator's pages: the page that renders its
// inputs late and once more (with new elements) and asks for the code in a step no client
// knows, and the normal page. Every one must sign in: a username lost to a re-render, a submit
// before the page settled or a form answered twice fails the run.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserSignIn } from '../../src/signin/browser/browser-sign-in.js';
import { PortalClient } from '../../src/http/portal.js';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';
import { Proc } from '../helpers/processes.js';
import { browserCase, DEMO_USER, tempHome } from './kit.js';

const ROUNDS = 10;
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The code page on every sign-in; no sign-in-host session that would skip the typing on a later run. */
const scenario = (page: 'late' | 'normal', mfaType: 'TOTP' | 'TOTP_UNLISTED'): Scenario => ({
  signinPage: page,
  signinHostSession: false,
  users: [{ ...DEMO_USER, mfa: 'always', mfaType }],
});

/** One lane: ROUNDS sign-ins in a row on one home (one browser profile), as one person would. */
async function lane(emu: RunningEmulator): Promise<string[]> {
  const home = await tempHome();
  cleanups.push(() => home.remove());
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const c = browserCase(emu, home);
    try {
      const token = await browserSignIn(c.request, c.options);
      const me = await new PortalClient(c.request.tools.http, emu.url, token).whoAmI();
      assert.equal(me.body.userIdentifier, DEMO_USER.username);
      assert.deepEqual(c.asked.mfa, ['TOTP']);
    } catch (error) {
      failures.push(`round ${round + 1}: ${(error as Error).message}`);
    }
  }
  return failures;
}

test('20 forced browser sign-ins, two at once beside a CPU burner, late-rendering and normal pages: 20 of 20', async () => {
  const late = await startEmulator({ scenario: scenario('late', 'TOTP_UNLISTED') });
  const normal = await startEmulator({ scenario: scenario('normal', 'TOTP') });
  cleanups.push(() => late.close(), () => normal.close());
  const burner = new Proc(process.execPath, ['-e', 'for (;;) {}'], { timeoutMs: 5 * 60_000 });
  let failures: string[];
  try {
    failures = (await Promise.all([lane(late), lane(normal)])).flatMap((lost, i) => lost.map((line) => `${i ? 'normal' : 'late'} ${line}`));
  } finally {
    await burner.stop();
  }
  assert.deepEqual(failures, []);
  for (const emu of [late, normal]) {
    assert.equal(emu.requests.filter((r) => r.op === 'SsoToken' && r.status === 200).length, ROUNDS);
    // each username was submitted once per sign-in: no form answered twice
    assert.equal(emu.requests.filter((r) => r.op === 'SignInStep' && r.step === 'get-identity-user').length, ROUNDS);
  }
});
