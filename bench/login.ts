// What the browser fallback costs next to the HTTP sign-in: both sign in the demo user (password
// and TOTP) on the same in-process emulator, cold each time (a fresh cookie jar, and for the
// browser a fresh profile, so both answer MFA), up to a checked portal session (whoAmI).
//   node dist/bench/login.js [runs]
import { CookieJar } from 'tough-cookie';
import { browserSignIn } from '../src/signin/browser/browser-sign-in.js';
import { signInOverHttp } from '../src/signin/http/sign-in-over-http.js';
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
  const mfa = emu.requests.filter((r) => r.op === 'SignInStep' && r.step === 'get-mfa').length;
  if (mfa !== 2 * (RUNS + 1)) throw new Error(`expected every sign-in to answer MFA, saw ${mfa} MFA steps`);

  const pad = (text: string, width: number) => text.padEnd(width);
  const num = (ms: number) => ms.toFixed(0).padStart(9);
  console.log(`cold sign-in, demo user with TOTP, ${RUNS} runs each (ms)`);
  console.log(`${pad('path', 30)}   median       min       max`);
  for (const row of [http, browser]) {
    console.log(`${pad(row.name, 30)}${num(median(row.times))} ${num(Math.min(...row.times))} ${num(Math.max(...row.times))}`);
  }
  console.log(`${pad('browser / HTTP (medians)', 30)}${(median(browser.times) / median(http.times)).toFixed(1).padStart(8)}x`);
} finally {
  await emu.close();
}
