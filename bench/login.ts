// What the browser fallback costs next to the HTTP sign-in: both sign in the demo user (password
// and TOTP) on the same in-process emulator, cold each time (a fresh cookie jar, and for the
// browser a fresh profile, so both answer MFA), up to a checked portal session (whoAmI). A third
// row is the hand-over of docs/protocol.md §9 as the chain runs it: the HTTP password step refused
// (an emulator that wants a browser fingerprint), then headless Chromium.
//   node dist/bench/login.js [runs]
import { CookieJar } from 'tough-cookie';
import { browserSignIn } from '../src/signin/browser/browser-sign-in.js';
import { signInOverHttp } from '../src/signin/http/sign-in-over-http.js';
import { signIn } from '../src/signin/chain.js';
import { startEmulator } from '../test/emulator/server.js';
import { browserCase, tempHome } from '../test/browser/kit.js';
import { signInContext, testHttp } from '../test/http/emulator-kit.js';

const RUNS = Number(process.argv[2] ?? 7);

interface Row { name: string; times: number[] }

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const emu = await startEmulator();
const refusing = await startEmulator({ scenario: { fingerprintRequired: true } });
try {
  const http: Row = { name: 'HTTP (got)', times: [] };
  const browser: Row = { name: 'browser (headless Chromium)', times: [] };
  // one untimed run of each first: module loading and the page cache are not what is measured;
  // all HTTP runs before the browser's, so that no exiting Chrome competes for the CPU
  for (let i = 0; i <= RUNS; i++) {
    const { ctx } = signInContext(emu, testHttp(emu, new CookieJar()));
    const ms = await timed(() => signInOverHttp(ctx));
    if (i > 0) http.times.push(ms);
  }
  for (let i = 0; i <= RUNS; i++) {
    const home = await tempHome();
    try {
      const c = browserCase(emu, home);
      const ms = await timed(() => browserSignIn(c.request, c.options));
      if (i > 0) browser.times.push(ms);
    } finally {
      await home.remove();
    }
  }
  const handOver: Row = { name: 'HTTP refused, then browser', times: [] };
  for (let i = 0; i <= RUNS; i++) {
    const home = await tempHome();
    try {
      const c = browserCase(refusing, home);
      const ms = await timed(() => signIn(c.request, { methods: 'auto', browser: c.options }));
      if (i > 0) handOver.times.push(ms);
    } finally {
      await home.remove();
    }
  }
  const refused = refusing.requests.filter((r) => r.op === 'SignInStep' && r.step === 'get-password' && r.status === 400).length;
  if (refused !== RUNS + 1) throw new Error(`expected every hand-over run to be refused over HTTP once, saw ${refused}`);
  const mfa = emu.requests.filter((r) => r.op === 'SignInStep' && r.step === 'get-mfa').length;
  if (mfa !== 2 * (RUNS + 1)) throw new Error(`expected every sign-in to answer MFA, saw ${mfa} MFA steps`);

  const pad = (text: string, width: number) => text.padEnd(width);
  const num = (ms: number) => ms.toFixed(0).padStart(9);
  console.log(`cold sign-in, demo user with TOTP, ${RUNS} runs each (ms)`);
  console.log(`${pad('path', 30)}   median       min       max`);
  for (const row of [http, browser, handOver]) {
    console.log(`${pad(row.name, 30)}${num(median(row.times))} ${num(Math.min(...row.times))} ${num(Math.max(...row.times))}`);
  }
  console.log(`${pad('browser / HTTP (medians)', 30)}${(median(browser.times) / median(http.times)).toFixed(1).padStart(8)}x`);
} finally {
  await emu.close();
  await refusing.close();
}
