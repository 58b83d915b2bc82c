// Finds Chrome (or Chromium) and chromedriver on this machine, so that Selenium Manager never has
// to look for (or download) either: AWSSSO_CHROME / AWSSSO_CHROMEDRIVER first, then the standard
// install paths of each OS, then PATH.
import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { ConfigError } from '../../errors.js';

export interface BrowserBinaries {
  chrome: string;
  chromedriver: string;
}

export interface LocateContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** true when `path` is a file this process may run */
  isExecutable(path: string): boolean;
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function windowsDirs(env: NodeJS.ProcessEnv): string[] {
  return [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((dir): dir is string => Boolean(dir));
}

/** Standard install paths, most common first. */
function chromePaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = ['/Applications', ...(env.HOME ? [posix.join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((dir) => [
      `${dir}/Google Chrome.app/Contents/MacOS/Google Chrome`,
      `${dir}/Chromium.app/Contents/MacOS/Chromium`,
    ]);
  }
  if (platform === 'win32') {
    return windowsDirs(env).flatMap((dir) => [
      win32.join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      win32.join(dir, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome',
    '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium',
  ];
}

function chromedriverPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') return ['/opt/homebrew/bin/chromedriver', '/usr/local/bin/chromedriver'];
  if (platform === 'win32') {
    return windowsDirs(env).flatMap((dir) => [
      win32.join(dir, 'chromedriver', 'chromedriver.exe'),
      win32.join(dir, 'Google', 'Chrome', 'Application', 'chromedriver.exe'),
    ]);
  }
  return ['/usr/bin/chromedriver', '/usr/lib/chromium/chromedriver', '/usr/lib/chromium-browser/chromedriver',
    '/snap/bin/chromium.chromedriver'];
}

const CHROME_NAMES = ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser', 'chrome'];

function onPath(names: string[], ctx: LocateContext): string[] {
  const windows = ctx.platform === 'win32';
  const dirs = (ctx.env.PATH ?? ctx.env.Path ?? '').split(windows ? ';' : ':').filter(Boolean);
  const path = windows ? win32 : posix;
  return dirs.flatMap((dir) => names.map((name) => path.join(dir, windows ? `${name}.exe` : name)));
}

function find(
  what: string,
  variable: string,
  candidates: string[],
  ctx: LocateContext,
): string {
  const override = ctx.env[variable];
  if (override) {
    if (ctx.isExecutable(override)) return override;
    throw new ConfigError(`${variable}=${override} is not an executable file`);
  }
  const found = candidates.find((path) => ctx.isExecutable(path));
  if (found) return found;
  throw new ConfigError(`${what} not found: install it or set ${variable} to its path`);
}

/** The Chrome and chromedriver to start, or a ConfigError that says which one is missing. */
export function locateBrowser(ctx: LocateContext): BrowserBinaries {
  const { platform, env } = ctx;
  return {
    chrome: find('Chrome or Chromium', 'AWSSSO_CHROME', [...chromePaths(platform, env), ...onPath(CHROME_NAMES, ctx)], ctx),
    chromedriver: find('chromedriver', 'AWSSSO_CHROMEDRIVER',
      [...chromedriverPaths(platform, env), ...onPath(['chromedriver'], ctx)], ctx),
  };
}
