// The browser fallback's binaries (found as the fallback finds them), whether chromedriver
// drives this Chrome (their major versions must match), and whether a window could be shown.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AwsssoError } from '../errors.js';
import { isExecutableFile, locateBrowser } from '../signin/browser/locate.js';
import { verdict, type Check, type Verdict } from './check.js';

const run = promisify(execFile);

/** `Chromium 156.0.8078.108 built on Debian` -> { text: 'Chromium 156.0.8078.108', major: 156 } */
async function versionOf(binary: string): Promise<{ text: string; major: number } | Error> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 15_000 });
    const match = /^(.*?(\d+)\.\d+\.\d+\.\d+)/m.exec(stdout);
    return match ? { text: match[1]!.trim(), major: Number(match[2]) } : new Error(`${binary} --version printed no version`);
  } catch (err) {
    return new Error(`${binary} --version failed: ${(err as Error).message.split('\n', 1)[0]}`);
  }
}

export const browser: Check = async (ctx) => {
  try {
    const found = locateBrowser({ platform: ctx.platform, env: ctx.env, isExecutable: isExecutableFile });
    const [chrome, driver] = await Promise.all([versionOf(found.chrome), versionOf(found.chromedriver)]);
    const broken = [chrome, driver].find((v): v is Error => v instanceof Error);
    if (broken) return verdict('browser', 'fail', broken.message, 'reinstall it, or point AWSSSO_CHROME / AWSSSO_CHROMEDRIVER at a working one');
    const [c, d] = [chrome, driver] as { text: string; major: number }[];
    if (c!.major !== d!.major) {
      return verdict('browser', 'fail', `${c!.text} (${found.chrome}) and ${d!.text} (${found.chromedriver}) differ in major version`,
        `install the chromedriver of Chrome ${c!.major}, or set AWSSSO_CHROMEDRIVER to it`);
    }
    return verdict('browser', 'ok', `${c!.text} (${found.chrome}) with ${d!.text} (${found.chromedriver})`);
  } catch (err) {
    if (!(err instanceof AwsssoError)) throw err;
    return verdict('browser', 'fail', err.message, 'needed only when the sign-in hands over to a browser (captcha, security key, a new step)');
  }
};

export function displayVerdict(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Verdict {
  if (platform !== 'linux') return verdict('display', 'ok', 'a desktop session: --no-headless can show the browser');
  const display = env.WAYLAND_DISPLAY ? `WAYLAND_DISPLAY=${env.WAYLAND_DISPLAY}` : env.DISPLAY ? `DISPLAY=${env.DISPLAY}` : undefined;
  return display
    ? verdict('display', 'ok', `${display}: --no-headless can show the browser`)
    : verdict('display', 'warn', 'no DISPLAY or WAYLAND_DISPLAY: a sign-in that needs a person (captcha, security key) cannot show a browser here',
      'run that sign-in on a desktop, or over ssh -X');
}

export const display: Check = async (ctx) => displayVerdict(ctx.platform, ctx.env);
