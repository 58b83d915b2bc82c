// A headless `aws sso login` (AWS CLI v2, device flow) against the emulator, end to end: piped
// into `awssso approve --from-stdin` (HTTP, the stored portal session), and approved the only way
// there was before, headless Chromium driven by Selenium through the device and consent pages:
// warm (a browser already running and signed in to the portal, which favours it) and cold (a
// fresh browser that signs in first, as a CI job or a container would). Prints the medians, the
// ratios, and the time from StartDeviceAuthorization to AssociateToken in the emulator's log.
//   node dist/bench/approve.js [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, By, until, type WebDriver } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import type { RunningEmulator } from '../test/emulator/server.js';
import { DEMO_USER } from '../test/emulator/scenario.js';
import { totpNow } from '../test/emulator/testkit.js';
import { configuredSandbox } from '../test/helpers/cli.js';
import { awsCliEnv, awsV2, HEADLESS_LOGIN } from '../test/aws-clients/clients.js';

const RUNS = Number(process.argv[2] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `argv`; `onLine` sees each stdout line. Resolves with the wall time in ms; rejects on failure. */
function timed(argv: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void = () => {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const lines = out.split('\n');
      out = lines.pop()!;
      lines.forEach(onLine);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`${argv[0]} failed (exit ${code}): ${err}`))));
  });
}

/** ms from the last StartDeviceAuthorization to the AssociateToken after it. */
function approvalMs(emu: RunningEmulator): number {
  const at = (op: string) => Date.parse(emu.requests.findLast((e) => e.op === op && e.status === 200)!.time);
  return at('AssociateToken') - at('StartDeviceAuthorization');
}

function startBrowser(profileDir: string): Promise<WebDriver> {
  process.env.SE_OFFLINE = 'true';
  const options = new chrome.Options();
  options.setChromeBinaryPath('/usr/bin/chromium');
  options.addArguments('--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--user-data-dir=${profileDir}`,
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1');
  return new Builder().forBrowser('chrome').setChromeOptions(options)
    .setChromeService(new chrome.ServiceBuilder('/usr/bin/chromedriver')).build();
}

/** The sign-in pages, from wherever `url` leads (the portal, or a device page that needs a sign-in first). */
async function signIn(driver: WebDriver, url: string): Promise<void> {
  await driver.get(url);
  await click(driver, '[data-id="awsccc-cb-btn-accept"]');
  await type(driver, '#awsui-input-0', DEMO_USER.username);
  await click(driver, '#username-submit-button');
  await type(driver, '#awsui-input-1', DEMO_USER.password);
  await click(driver, '#password-submit-button');
  await type(driver, 'input[placeholder="Enter code"]', await totpNow(DEMO_USER.totpSeed));
  await click(driver, '#mfa-submit-button');
}

/** The device page's two clicks, with a signed-in browser. */
async function allow(driver: WebDriver): Promise<void> {
  await click(driver, '#cli_verification_btn');
  await click(driver, '[data-testid="allow-access-button"]');
  await driver.wait(until.elementLocated(By.css('[data-analytics-alert="success"]')), 20_000);
}

async function click(driver: WebDriver, css: string): Promise<void> {
  const el = await driver.wait(until.elementLocated(By.css(css)), 20_000);
  await driver.wait(until.elementIsVisible(el), 20_000);
  await el.click();
}

async function type(driver: WebDriver, css: string, text: string): Promise<void> {
  const el = await driver.wait(until.elementLocated(By.css(css)), 20_000);
  await driver.wait(until.elementIsVisible(el), 20_000);
  await el.sendKeys(text);
}

/** `aws sso login` approved by `approveCode` when the CLI prints its code; the wall time. */
async function browserLogin(env: NodeJS.ProcessEnv, approveCode: (code: string) => Promise<void>): Promise<number> {
  let approving: Promise<void> | undefined;
  const ms = await timed([awsV2, 'sso', 'login', '--no-browser', '--profile', 'dev'], env, (line) => {
    const code = /^\s*([A-Z]{4}-[A-Z]{4})\s*$/.exec(line)?.[1];
    if (code && !approving) approving = approveCode(code);
  });
  await approving;
  return ms;
}

async function main(): Promise<void> {
  const { emu, sb } = await configuredSandbox({ accountId: '111122223333', roleName: 'ReadOnlyAccess' });
  const dirs: string[] = [];
  const profileDir = () => dirs[dirs.push(mkdtempSync(join(tmpdir(), 'bench-approve-chrome-'))) - 1]!;
  const deviceUrl = (code: string) => `${emu.startUrl}/#/device?user_code=${code}`;
  let warmDriver: WebDriver | undefined;
  try {
    const env = await awsCliEnv(sb, emu, { accountId: '111122223333', roleName: 'ReadOnlyAccess' });
    warmDriver = await startBrowser(profileDir());
    await signIn(warmDriver, `${emu.startUrl}/`);
    const warm = warmDriver;
    const subjects = [
      { name: 'awssso approve --from-stdin (HTTP)', times: [] as number[], approvals: [] as number[],
        run: () => timed(['sh', '-c', HEADLESS_LOGIN], env) },
      { name: 'headless Chromium + Selenium, warm (running, signed in)', times: [] as number[], approvals: [] as number[],
        run: () => browserLogin(env, async (code) => {
          await warm.get(deviceUrl(code));
          await allow(warm);
        }) },
      { name: 'headless Chromium + Selenium, cold (start, sign in)', times: [] as number[], approvals: [] as number[],
        run: () => browserLogin(env, async (code) => {
          const cold = await startBrowser(profileDir());
          try {
            await signIn(cold, deviceUrl(code));
            await allow(cold);
          } finally {
            await cold.quit();
          }
        }) },
    ];
    for (let round = 0; round < RUNS; round++) {
      for (const subject of subjects) {
        subject.times.push(await subject.run());
        subject.approvals.push(approvalMs(emu));
      }
    }
    const [ours] = subjects.map((x) => median(x.times));
    const [ourApproval] = subjects.map((x) => median(x.approvals));
    console.log(`headless aws sso login (AWS CLI ${awsV2}, device flow, poll interval 1 s), ${RUNS} runs each, interleaved; medians`);
    console.log('| approved by | aws sso login, end to end | vs awssso | code issued -> approved | vs awssso |');
    console.log('|---|---:|---:|---:|---:|');
    for (const x of subjects) {
      const [t, a] = [median(x.times), median(x.approvals)];
      console.log(`| ${x.name} | ${t.toFixed(0)} ms | ${(t / ours!).toFixed(2)}x | ${a.toFixed(0)} ms | ${(a / ourApproval!).toFixed(2)}x |`);
    }
  } finally {
    await warmDriver?.quit();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await sb.remove();
    await emu.close();
  }
}

await main();
