// Finding Chrome and chromedriver on each OS (the other OSes through their file layouts), and
// the switches Chrome starts with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromeArguments } from '../../src/signin/browser/driver.js';
import { isExecutableFile, locateBrowser, type LocateContext } from '../../src/signin/browser/locate.js';
import { ConfigError } from '../../src/errors.js';

function on(platform: NodeJS.Platform, files: string[], env: NodeJS.ProcessEnv = {}): LocateContext {
  return { platform, env, isExecutable: (path) => files.includes(path) };
}

test('this machine: Debian\'s chromium and chromedriver', () => {
  assert.deepEqual(locateBrowser({ platform: process.platform, env: { PATH: process.env.PATH }, isExecutable: isExecutableFile }),
    { chrome: '/usr/bin/chromium', chromedriver: '/usr/bin/chromedriver' });
});

test('Linux: Google Chrome before Chromium, then PATH', () => {
  assert.deepEqual(locateBrowser(on('linux', ['/usr/bin/chromium', '/opt/google/chrome/chrome', '/usr/lib/chromium/chromedriver'])),
    { chrome: '/opt/google/chrome/chrome', chromedriver: '/usr/lib/chromium/chromedriver' });
  assert.deepEqual(locateBrowser(on('linux', ['/home/me/bin/chromium-browser', '/home/me/bin/chromedriver'], { PATH: '/usr/bin:/home/me/bin' })),
    { chrome: '/home/me/bin/chromium-browser', chromedriver: '/home/me/bin/chromedriver' });
});

test('macOS: the app bundles in /Applications or ~/Applications, chromedriver from Homebrew', () => {
  const chrome = '/Users/me/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  assert.deepEqual(locateBrowser(on('darwin', [chrome, '/opt/homebrew/bin/chromedriver'], { HOME: '/Users/me' })),
    { chrome, chromedriver: '/opt/homebrew/bin/chromedriver' });
});

test('Windows: Program Files or the per-user install, chromedriver.exe on Path', () => {
  const chrome = 'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
  const driver = 'C:\\tools\\chromedriver.exe';
  const env = { ProgramFiles: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local', Path: 'C:\\Windows;C:\\tools' };
  assert.deepEqual(locateBrowser(on('win32', [chrome, driver], env)), { chrome, chromedriver: driver });
});

test('AWSSSO_CHROME and AWSSSO_CHROMEDRIVER win, and must name executables', () => {
  const files = ['/usr/bin/chromium', '/usr/bin/chromedriver', '/opt/cft/chrome', '/opt/cft/chromedriver'];
  assert.deepEqual(locateBrowser(on('linux', files, { AWSSSO_CHROME: '/opt/cft/chrome', AWSSSO_CHROMEDRIVER: '/opt/cft/chromedriver' })),
    { chrome: '/opt/cft/chrome', chromedriver: '/opt/cft/chromedriver' });
  assert.throws(() => locateBrowser(on('linux', files, { AWSSSO_CHROME: '/opt/none/chrome' })),
    new ConfigError('AWSSSO_CHROME=/opt/none/chrome is not an executable file'));
});

test('nothing installed: one line saying what to install or set', () => {
  assert.throws(() => locateBrowser(on('linux', [])), new ConfigError('Chrome or Chromium not found: install it or set AWSSSO_CHROME to its path'));
  assert.throws(() => locateBrowser(on('linux', ['/usr/bin/google-chrome'])),
    new ConfigError('chromedriver not found: install it or set AWSSSO_CHROMEDRIVER to its path'));
});

test('Chrome\'s switches: its own profile, no sandbox only as root, nothing that hides automation', () => {
  const env = { AWSSSO_CHROME_ARGS: '--proxy-server=http://127.0.0.1:3128 --host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1' };
  const asUser = chromeArguments({ profileDir: '/home/me/.awssso/browser-profile', headless: true, env }, false);
  assert.ok(asUser.includes('--user-data-dir=/home/me/.awssso/browser-profile'));
  assert.ok(asUser.includes('--headless'));
  assert.ok(!asUser.includes('--no-sandbox'));
  for (const flag of ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu']) {
    assert.ok(asUser.includes(flag), flag);
  }
  assert.deepEqual(asUser.slice(-2), ['--proxy-server=http://127.0.0.1:3128', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1']);
  assert.ok(!asUser.some((flag) => /AutomationControlled|user-agent|enable-automation/i.test(flag)));
  const visibleRoot = chromeArguments({ profileDir: '/root/.awssso/browser-profile', headless: false, env: {} }, true);
  assert.ok(visibleRoot.includes('--no-sandbox'));
  assert.ok(!visibleRoot.includes('--headless'));
});
