// What the browser tests share: a temporary home for Chrome and awssso, and the request and
// options that the sign-in chain would hand to browserSignIn (and src/auth's RunOptions).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CookieJar } from 'tough-cookie';
import type { RunOptions } from '../../src/auth/run-options.js';
import type { SignInQuestions, SignInRequest } from '../../src/signin/contract.js';
import type { BrowserOptions } from '../../src/signin/browser/browser-sign-in.js';
import { startDriver, type ChromeDriver } from '../../src/signin/browser/driver.js';
import { isExecutableFile, locateBrowser } from '../../src/signin/browser/locate.js';
import { silentProgress } from '../../src/cli/progress.js';
import { createAsker } from '../../src/cli/prompts.js';
import { HarRecorder } from '../../src/http/hooks/har-recorder.js';
import { FileSecretStore } from '../../src/store/secret-file.js';
import { DEMO_USER } from '../emulator/scenario.js';
import { totpNow } from '../emulator/testkit.js';
import { testHttp, type Target } from '../http/emulator-kit.js';
import { tempDir } from '../helpers/processes.js';

export { DEMO_USER, totpNow };

/** Chrome may resolve no name but loopback: nothing leaves the machine, even by mistake. */
export const LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1';

/** Variables of the developer's shell that would change what awssso or Chrome does. */
const SCRUBBED = /^(AWS_|AWSSSO_|DISPLAY$|WAYLAND_DISPLAY$|XDG_|DBUS_SESSION_BUS_ADDRESS$)/;

export interface Home {
  path: string;
  env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

/** A temporary HOME and config directory; Chrome's XDG folders live there too. */
export async function tempHome(extra: NodeJS.ProcessEnv = {}): Promise<Home> {
  const dir = await tempDir('awssso-browser');
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !SCRUBBED.test(name))),
    HOME: dir.path,
    AWSSSO_CONFIG_DIR: join(dir.path, '.awssso'),
    XDG_CONFIG_HOME: join(dir.path, '.config'),
    XDG_CACHE_HOME: join(dir.path, '.cache'),
    AWSSSO_CHROME_ARGS: LOOPBACK_ONLY,
    ...extra,
  };
  await mkdir(env.AWSSSO_CONFIG_DIR!, { recursive: true });
  return { path: dir.path, env, remove: dir.remove };
}

/** A headless Chromium on a profile in `home`, for tests that drive pages themselves. */
export function startTestDriver(home: Home): Promise<ChromeDriver> {
  return startDriver({
    binaries: locateBrowser({ platform: process.platform, env: home.env, isExecutable: isExecutableFile }),
    profileDir: join(home.path, 'profile'),
    headless: true,
    env: home.env,
  });
}

/** What the person was asked, as tests see it. */
export interface Asked {
  password: number;
  mfa: string[];
  newPassword: number;
}

export interface BrowserCase {
  run: RunOptions;
  request: SignInRequest;
  options: BrowserOptions;
  /** the run's secret store (src/auth keeps a password there once it worked) */
  secrets: FileSecretStore;
  asked: Asked;
  warnings: string[];
  recorder?: HarRecorder;
}

export interface CaseOptions {
  jar?: CookieJar;
  headless?: boolean;
  record?: boolean;
  password?: string;
  code?: () => Promise<string>;
  newPassword?: string;
}

/** browserSignIn's three arguments for the demo user at `target`, in `home`. */
export function browserCase(target: Target, home: Home, opts: CaseOptions = {}): BrowserCase {
  const jar = opts.jar ?? new CookieJar();
  const warnings: string[] = [];
  const asked: Asked = { password: 0, mfa: [], newPassword: 0 };
  const recorder = opts.record ? new HarRecorder() : undefined;
  const whatToRun = 'run `awssso login -p default` in a terminal';
  const run: RunOptions = {
    profile: { name: 'default', url: target.startUrl, region: target.region, username: DEMO_USER.username },
    asker: createAsker({ interactive: false, whatToRun }),
    progress: silentProgress,
    warn: (line) => warnings.push(line),
    inform: () => {},
    browser: { mode: 'forced', headless: opts.headless ?? true },
    whatToRun,
    env: { ...home.env, AWS_ENDPOINT_URL_SSO: target.url },
  };
  const questions: SignInQuestions = {
    username: DEMO_USER.username,
    codesFromPerson: false,
    password: async () => {
      asked.password++;
      return opts.password ?? DEMO_USER.password;
    },
    mfaCode: async (type) => {
      asked.mfa.push(type);
      return opts.code ? opts.code() : totpNow(DEMO_USER.totpSeed);
    },
    ...(opts.newPassword ? {
      newPassword: async () => {
        asked.newPassword++;
        return opts.newPassword!;
      },
    } : {}),
  };
  const request: SignInRequest = {
    target: { startUrl: target.startUrl, region: target.region, portalEndpoint: target.url, configuredOrigins: [target.url] },
    questions,
    tools: {
      http: testHttp(target, jar, recorder ? { record: recorder } : {}),
      jar,
      ...(recorder ? { recorder } : {}),
      progress: () => {},
      warn: run.warn,
    },
  };
  const options: BrowserOptions = { headless: opts.headless ?? true, whatToRun, env: run.env };
  const secrets = new FileSecretStore(join(home.env.AWSSSO_CONFIG_DIR!, 'secrets.enc'), home.env);
  return { run, request, options, secrets, asked, warnings, ...(recorder ? { recorder } : {}) };
}
