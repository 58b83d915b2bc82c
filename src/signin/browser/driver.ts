// Starts Chrome through chromedriver with awssso's own profile, and nothing Selenium would
// fetch by itself: both binaries are given explicitly and Selenium Manager is told it is offline.
// No flag here hides automation or changes what the browser says it is.
import type { Driver } from 'selenium-webdriver/chrome.js';
import { AwsssoError } from '../../errors.js';
import { browserEnvironment } from './browser-env.js';
import type { BrowserBinaries } from './locate.js';

export type ChromeDriver = Driver;

export interface DriverSettings {
  binaries: BrowserBinaries;
  /** --user-data-dir: kept between runs so the browser too is remembered as a trusted device */
  profileDir: string;
  headless: boolean;
  /** awssso's environment: Chrome gets only what browser-env.ts keeps of it; AWSSSO_CHROME_ARGS */
  env: NodeJS.ProcessEnv;
}

/** Chrome's switches for one awssso run. */
export function chromeArguments(settings: Pick<DriverSettings, 'profileDir' | 'headless' | 'env'>, isRoot: boolean): string[] {
  return [
    `--user-data-dir=${settings.profileDir}`,
    ...(settings.headless ? ['--headless'] : []),
    // Chrome's sandbox cannot start as root (containers, CI).
    ...(isRoot ? ['--no-sandbox'] : []),
    // Chrome's own background traffic (updates, sync, field trials) has no business here, and
    // closed networks refuse it.
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--no-default-browser-check', '--disable-gpu', '--disable-dev-shm-usage',
    // No OS keychain prompt for a profile that only awssso uses.
    '--password-store=basic', '--use-mock-keychain',
    '--window-size=1280,900',
    // The person's own switches (a proxy, say); tests pin name resolution to loopback here.
    // Each starts with --, and a value may hold spaces: `--host-resolver-rules=MAP * ~NOTFOUND`.
    ...(settings.env.AWSSSO_CHROME_ARGS ?? '').trim().split(/\s+(?=--)/).filter(Boolean),
  ];
}

/** Chromedriver's "session not created" story is many lines; the person needs one. */
function startFailure(error: unknown, settings: DriverSettings): AwsssoError {
  const message = error instanceof Error ? error.message : String(error);
  if (/user data directory is already in use/i.test(message)) {
    return new AwsssoError(`the browser profile ${settings.profileDir} is in use by another Chrome; close it and try again`);
  }
  const first = message.split('\n').map((line) => line.trim()).find(Boolean) ?? 'no reason given';
  return new AwsssoError(`Chrome did not start (${settings.binaries.chrome}): ${first}`);
}

export async function startDriver(settings: DriverSettings): Promise<ChromeDriver> {
  // Selenium Manager is not even consulted when both paths are given; this is the safety net.
  process.env.SE_OFFLINE = 'true';
  const chrome = await import('selenium-webdriver/chrome.js');
  const options = new chrome.Options();
  options.setChromeBinaryPath(settings.binaries.chrome);
  options.addArguments(...chromeArguments(settings, process.getuid?.() === 0));
  // Chrome's network events, always: whether the page still waits for an answer, and what the
  // sign-in exchanged (network-log.ts). Page and trace events are not needed and not collected.
  options.setLoggingPrefs({ performance: 'ALL' });
  // (the typings ask for every option; chromedriver refuses enableTimeline, and traceCategories starts tracing)
  options.setPerfLoggingPrefs({ enableNetwork: true, enablePage: false } as Parameters<typeof options.setPerfLoggingPrefs>[0]);
  const service = new chrome.ServiceBuilder(settings.binaries.chromedriver)
    .setEnvironment(browserEnvironment(settings.env))
    .build();
  const driver = chrome.Driver.createSession(options, service);
  try {
    // createSession returns at once; the session (and Chrome) exists only when this resolves.
    await driver.getSession();
    await driver.manage().setTimeouts({ pageLoad: 30_000, script: 10_000 });
  } catch (error) {
    await driver.quit().catch(() => undefined);
    throw startFailure(error, settings);
  }
  return driver;
}
