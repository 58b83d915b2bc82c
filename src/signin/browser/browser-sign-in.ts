// The browser sign-in method: Chrome driven through the page-state table, for what the HTTP
// sign-in does not know (or on purpose with --browser-fallback). It ends like the HTTP method, with
// the portal session, and leaves its cookies (a trusted device among them) in the shared jar.
import { mkdir } from 'node:fs/promises';
import type { SignInQuestions, SignInRequest, SignInTools } from '../contract.js';
import { AwsssoError, NeedsPerson, SignInRejected } from '../../errors.js';
import { browserProfileDir } from '../../store/paths.js';
import { withLock } from '../../store/lock.js';
import { isAwsHost } from '../../http/aws-hosts.js';
import { browserCookies, cookiesIntoBrowser, cookiesIntoJar, forgetSessionCookie } from './cookies.js';
import { saveDiagnostics } from './diagnostics.js';
import { startDriver, type ChromeDriver } from './driver.js';
import { isExecutableFile, locateBrowser, type BrowserBinaries } from './locate.js';
import { NetworkLog } from './network-log.js';
import { BrowserClosed, runStates } from './run-states.js';
import { saveSignInShape, signInShape } from './signin-shape.js';

/** Linux and the BSDs show windows only with an X or Wayland display. */
export function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'darwin' || platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** What the browser method needs beyond the request: nothing of the command that runs it. */
export interface BrowserOptions {
  /** false: show the window where a display exists (--no-headless), so a person can step in */
  headless: boolean;
  /** what to tell the person when the page needs them and no window can be shown */
  whatToRun: string;
  /** where ~/.awssso lives (AWSSSO_CONFIG_DIR), the display variables, AWSSSO_CHROME* settings */
  env: NodeJS.ProcessEnv;
}

/** The same questions, remembering every secret given so that recordings and page dumps can drop it. */
function remembering(questions: SignInQuestions, secrets: string[]): SignInQuestions {
  const keep = async (value: Promise<string>) => {
    const got = await value;
    secrets.push(got);
    return got;
  };
  return {
    username: questions.username,
    codesFromPerson: questions.codesFromPerson,
    password: () => keep(questions.password()),
    mfaCode: (type) => keep(questions.mfaCode(type)),
    ...(questions.newPassword ? { newPassword: () => keep(questions.newPassword!()) } : {}),
  };
}

/** What the browser learnt, kept whatever the outcome: cookies to the jar, exchanges to the recorder. */
async function handBack(driver: ChromeDriver, tools: SignInTools, visited: Set<string>, network: NetworkLog, secrets: string[]) {
  const hosts = new Set([...visited].flatMap((url) => (/^https?:/.test(url) ? [new URL(url).hostname] : [])));
  await cookiesIntoJar(await browserCookies(driver), hosts, tools.jar).catch(() => undefined);
  await network.drain().catch(() => undefined);
  if (tools.recorder) tools.recorder.entries.push(...network.entries(secrets));
}

/** The shape of a completed sign-in goes to the debug directory, said in one line; never fails the sign-in. */
async function saveWhatWasLearnt(network: NetworkLog, onSignInHosts: (url: string) => boolean, env: NodeJS.ProcessEnv, tools: SignInTools) {
  const shape = signInShape(network.exchanges(), onSignInHosts);
  if (shape.exchanges.length === 0) return;
  try {
    const path = await saveSignInShape(shape, env);
    tools.warn(`the sign-in steps Chrome went through (their shape, no values) are in ${path}: attach it to a bug report so that awssso can learn them`);
  } catch {
    // a debug file is a courtesy; the sign-in succeeded
  }
}

/** Answers are typed on AWS's own https hosts and on the endpoints the person configured, nowhere else. */
function mayAnswer(url: string, configured: string[]): boolean {
  if (!/^https?:/.test(url)) return false;
  const { protocol, hostname, origin } = new URL(url);
  return configured.includes(origin) || (protocol === 'https:' && isAwsHost(hostname));
}

/** Opens the start URL; a host that does not answer is said in one line (Chrome's own words). */
async function open(driver: ChromeDriver, url: string): Promise<void> {
  try {
    await driver.get(url);
  } catch (error) {
    const reason = /net::(ERR_[A-Z_]+)/.exec((error as Error).message)?.[1];
    if (reason) throw new AwsssoError(`Chrome could not load ${new URL(url).hostname}: ${reason}`);
    throw error;
  }
}

/** Time enough for a person to answer a challenge, and a little more. */
const PROFILE_LOCK_MS = 6 * 60_000;

/** Signs in with Chrome; returns the portal token the page was given. */
export async function browserSignIn(request: SignInRequest, options: BrowserOptions): Promise<string> {
  const { env } = options;
  const binaries = locateBrowser({ platform: process.platform, env, isExecutable: isExecutableFile });
  const visible = !options.headless && hasDisplay(process.platform, env);
  if (!options.headless && !visible) request.tools.warn('no display here (DISPLAY and WAYLAND_DISPLAY are unset): Chrome runs headless');
  const profileDir = browserProfileDir(env);
  await mkdir(profileDir, { recursive: true, mode: 0o700 });
  // One Chrome at a time on the profile (another awssso, for another user, may be signing in).
  return withLock('browser-profile', () => signInWithChrome(request, options, { binaries, profileDir, visible }), {
    timeoutMs: PROFILE_LOCK_MS,
    onWait: (line) => request.tools.progress(line),
    env,
  });
}

async function signInWithChrome(
  { target, questions, tools }: SignInRequest,
  { env, whatToRun }: BrowserOptions,
  { binaries, profileDir, visible }: { binaries: BrowserBinaries; profileDir: string; visible: boolean },
): Promise<string> {
  const { startUrl } = target;
  const driver = await startDriver({ binaries, profileDir, headless: !visible, env });
  const network = await NetworkLog.start(driver, { pageBodies: Boolean(tools.recorder) });
  const answerHere = (url: string) => mayAnswer(url, target.configuredOrigins);
  const visited = new Set<string>([startUrl]);
  const secrets: string[] = [];
  let handedBack = false;
  try {
    // a session cookie left from another run must not pass for this sign-in
    await forgetSessionCookie(driver, startUrl);
    await cookiesIntoBrowser(driver, tools.jar);
    await open(driver, startUrl);
    const token = await runStates({
      driver, startUrl, visible, network, visited,
      mayAnswer: answerHere,
      questions: remembering(questions, secrets),
      warn: tools.warn,
      whatToRun,
    });
    secrets.push(token);
    handedBack = true;
    await handBack(driver, tools, visited, network, secrets);
    await saveWhatWasLearnt(network, answerHere, env, tools);
    return token;
  } catch (error) {
    // a refusal, a page for the person, a closed window: nothing a page dump would explain
    if (!(error instanceof SignInRejected || error instanceof NeedsPerson || error instanceof BrowserClosed)) {
      const saved = await saveDiagnostics(driver, env, secrets);
      if (saved.length > 0) tools.warn(`the browser sign-in failed; its page is saved in ${saved.join(' and ')}`);
    }
    throw error;
  } finally {
    if (!handedBack) await handBack(driver, tools, visited, network, secrets).catch(() => undefined);
    // the session lives in the secret store; the browser profile on disk keeps no copy
    await forgetSessionCookie(driver, startUrl).catch(() => undefined);
    await driver.quit().catch(() => undefined);
  }
}
