// What chromedriver and Chrome are given of awssso's environment (issue 14 item 13): what a
// browser needs, never awssso's secrets. Read from the running processes themselves (/proc).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserEnvironment } from '../../src/signin/browser/browser-env.js';
import { startTestDriver, tempHome } from './kit.js';

const SECRETS = {
  AWSSSO_PASSWORD: 'browser-env-password-4711',
  AWSSSO_FILE_PASSPHRASE: 'browser-env-passphrase-4711',
  AWSSSO_TOTP_SEED: 'JBSWY3DPEHPK3PXQ',
  AWS_ACCESS_KEY_ID: 'ASIABROWSERENV4711',
  AWS_SECRET_ACCESS_KEY: 'browser-env-secret-key-4711',
  AWS_SESSION_TOKEN: 'browser-env-session-token-4711',
};

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test('kept: what a browser needs on Linux, macOS and Windows; dropped: awssso\'s and AWS\'s variables and the rest', () => {
  const env = {
    ...SECRETS,
    PATH: '/usr/bin', HOME: '/home/me', LANG: 'de_DE.UTF-8', LC_TIME: 'C', TZ: 'Europe/Berlin', TMPDIR: '/tmp/me',
    DISPLAY: ':0', XAUTHORITY: '/home/me/.Xauthority', XDG_RUNTIME_DIR: '/run/user/1000', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
    https_proxy: 'http://proxy:3128', NO_PROXY: 'localhost',
    Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
    AWSSSO_CHROME_ARGS: '--proxy-server=x', AWS_PROFILE: 'dev', NODE_OPTIONS: '--require x', GITHUB_TOKEN: 'ghp_x', UNDEFINED: undefined,
  };
  assert.deepEqual(Object.keys(browserEnvironment(env)).sort(), [
    'DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'HOME', 'LANG', 'LC_TIME', 'LOCALAPPDATA', 'NO_PROXY', 'PATH', 'Path',
    'SystemRoot', 'TMPDIR', 'TZ', 'XAUTHORITY', 'XDG_RUNTIME_DIR', 'https_proxy',
  ]);
});

/** [pid, argv, environment] of every process this user can read. */
async function processes(): Promise<{ pid: string; ppid: string; argv: string[]; env: string[] }[]> {
  const found = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    try {
      const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
      const env = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').filter(Boolean);
      const ppid = /^PPid:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '';
      found.push({ pid, ppid, argv, env });
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return found;
}

test('the chromedriver and every Chrome process it starts see none of awssso\'s secrets', { skip: process.platform !== 'linux' }, async () => {
  const home = await tempHome(SECRETS);
  cleanups.push(() => home.remove());
  const driver = await startTestDriver(home);
  cleanups.push(() => driver.quit());
  await driver.get('about:blank');
  const all = await processes();
  const profile = `--user-data-dir=${join(home.path, 'profile')}`;
  const chrome = all.filter((p) => p.argv.includes(profile));
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const chromedriver = chrome.map((p) => byPid.get(p.ppid)).find((p) => p && /chromedriver$/.test(p.argv[0] ?? ''));
  assert.ok(chrome.length > 0, 'Chrome runs with the test profile');
  assert.ok(chromedriver, 'chromedriver is the parent of Chrome');
  for (const p of [chromedriver, ...chrome]) {
    const names = p.env.map((pair) => pair.slice(0, pair.indexOf('=')));
    assert.deepEqual(names.filter((name) => /^AWS/.test(name)), [], `${p.argv[0]} ${p.pid}`);
    for (const secret of Object.values(SECRETS)) assert.ok(!p.env.some((pair) => pair.includes(secret)), `${p.argv[0]} sees ${secret}`);
  }
  assert.ok(chromedriver.env.includes(`HOME=${home.path}`), 'HOME is passed on');
  assert.ok(chromedriver.env.some((pair) => pair.startsWith('PATH=')), 'PATH is passed on');
});
