// The hand-transcribed public shapes (test/recordings/public-shapes) against the emulator: the
// minimal client of testkit.ts drives each flow against the file (every request as the file
// expects it, every entry used) and against the emulator, and each answer has the same shape.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { replayHar } from '../recordings/replay.js';
import type { Scenario } from './scenario.js';
import { startEmulator, type RunningEmulator } from './server.js';
import { SignInClient, type Reply } from './testkit.js';

const USER = 'jane.doe@example.com';
const PASSWORD = 'Jane-Passw0rd!';
const DIRECTORY = 'd-0123456789';

interface PublicFlow {
  file: string;
  scenario: Scenario;
  /** What the client does; returns the answers to compare, in order. */
  drive(c: SignInClient, password: string): Promise<Reply[]>;
}

async function toPassword(c: SignInClient): Promise<Reply[]> {
  const login = await c.get(`/login?directory_id=${DIRECTORY}&redirect_url=${encodeURIComponent(`${c.emu.startUrl}/#/`)}`);
  c.csrfToken = String(login.body.csrfToken);
  await c.openPage(String(login.body.redirectUrl));
  return [login, await c.step('', []), await c.step('start', []), await c.username(USER)];
}

/** The token exchange until the token comes, then whoAmI: every answer. */
async function exchange(c: SignInClient): Promise<Reply[]> {
  const answers: Reply[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await c.ssoToken();
    answers.push(r);
    if (r.body.token) return [...answers, await c.get('/token/whoAmI', String(r.body.token))];
  }
  throw new Error('no token');
}

const flows: PublicFlow[] = [
  {
    file: 'wrong-password.har',
    scenario: { users: [{ username: USER, password: PASSWORD, mfa: 'off' }] },
    drive: async (c) => [...(await toPassword(c)), await c.password(USER, 'Not-The-Passw0rd!')],
  },
  {
    file: 'sign-in-not-ready.har',
    scenario: { users: [{ username: USER, password: PASSWORD, mfa: 'off' }], ssoTokenNotReady: 2 },
    drive: async (c, password) => [...(await toPassword(c)), await c.password(USER, password), ...(await exchange(c))],
  },
  {
    file: 'email-otp.har',
    scenario: { users: [{ username: USER, password: PASSWORD, mfa: 'always', mfaType: 'EMAIL_OTP' }] },
    drive: async (c, password) => {
      const answers = [...(await toPassword(c)), await c.password(USER, password), await c.resendEmailCode()];
      // Against the file the code is the REDACTED placeholder it records; against the emulator, the mailed one.
      const code = c.emu.mailbox ? c.emu.mailbox(USER).at(-1)! : 'REDACTED';
      return [...answers, await c.emailCode(USER, code), ...(await exchange(c))];
    },
  },
];

/** Keys and value types, recursively; what "the same shape" means here. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
  }
  return v === null ? 'null' : typeof v;
}

/** The whoAmI answer of the file names only some fields; the emulator may add more. */
function sameShape(file: Reply, emulator: Reply, where: string): void {
  assert.equal(emulator.status, file.status, `${where}: status`);
  if ('userIdentifier' in file.body) {
    for (const k of Object.keys(file.body)) assert.ok(k in emulator.body, `${where}: the emulator's whoAmI lacks ${k}`);
    return;
  }
  assert.deepEqual(shape(emulator.body), shape(file.body), `${where}: answer shape`);
}

for (const flow of flows) {
  test(`${flow.file}: the minimal client follows the file exactly, and the emulator answers in the same shapes`, async () => {
    const replay = await replayHar(join(repoRoot, 'test', 'recordings', 'public-shapes', flow.file));
    let fromFile: Reply[];
    try {
      const target = { url: replay.url, startUrl: `${replay.url}/start`, directoryId: DIRECTORY } as RunningEmulator;
      fromFile = await flow.drive(new SignInClient(target), PASSWORD);
      assert.deepEqual(replay.mismatches(), [], 'requests the file does not expect');
      assert.deepEqual(replay.unconsumed(), [], 'entries no request used');
    } finally {
      await replay.close();
    }
    const emu = await startEmulator({ scenario: flow.scenario });
    try {
      const fromEmulator = await flow.drive(new SignInClient(emu), PASSWORD);
      assert.equal(fromEmulator.length, fromFile.length);
      fromFile.forEach((r, i) => sameShape(r, fromEmulator[i]!, `${flow.file} answer ${i + 1}`));
    } finally {
      await emu.close();
    }
  });
}
