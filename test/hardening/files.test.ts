// The files awssso writes (issue 14, findings 7, 8, 11 and 12): no write follows a link planted at
// its path, the config directory must be the user's own, reserved profile names are refused, a
// side file that cannot be written is a warning once the credentials are delivered, and the
// console page holding a sign-in token is removed when the run is interrupted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, chown, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO } from '../helpers/cli.js';
import { binRun } from '../helpers/paths.js';
import { Proc } from '../helpers/processes.js';
import { roleCachePath } from '../../src/store/role-cache.js';
import { cookieJarPath } from '../../src/store/cookie-jar.js';
import { ACCOUNT, configuredKit, lines, type Kit } from './kit.js';
import { EXIT } from '../../src/errors.js';

let kit: Kit;
let rolePath: string;
let jarPath: string;
before(async () => {
  kit = await configuredKit();
  const env = kit.sb.env;
  rolePath = roleCachePath({ startUrl: kit.emu.startUrl.replace(/\/+$/, ''), accountId: ACCOUNT, roleName: 'ReadOnlyAccess' }, env);
  jarPath = cookieJarPath(DEMO.username, kit.emu.startUrl.replace(/\/+$/, ''), env);
});
after(async () => { await kit?.close(); });

/** A file someone else cares about, and a link to it planted at `at`. */
async function plantLink(at: string): Promise<string> {
  const victim = join(kit.sb.home, `victim-${Math.random().toString(16).slice(2)}`);
  await writeFile(victim, 'precious\n');
  await mkdir(join(at, '..'), { recursive: true });
  await rm(at, { force: true, recursive: true });
  await symlink(victim, at);
  return victim;
}

/** `login` with a link planted at `path()`: the link's target stays as it was, the credentials come. */
const linkCases: { what: string; path: () => string; flag: string; stderr: (path: string) => string[] }[] = [
  {
    what: 'role cache',
    path: () => rolePath,
    flag: '-r',
    stderr: (path) => [`awssso: could not cache the role credentials: refusing to write ${path}: it is a symbolic link`],
  },
  {
    what: 'cookie jar',
    path: () => jarPath,
    flag: '-f',
    // read through the link, the victim is no cookie jar: the sign-in starts without cookies
    stderr: (path) => [
      `awssso: starting with no cookies: ${path} is damaged (Unexpected token 'p', "precious " is not valid JSON)`,
      `awssso: could not save the cookies: refusing to write ${path}: it is a symbolic link`,
    ],
  },
];

for (const { what, path, flag, stderr } of linkCases) {
  test(`finding 7 and 11: a link planted at the ${what} path is not followed; the credentials still come, with a warning`, async () => {
    const victim = await plantLink(path());
    try {
      const res = await kit.sb.awssso(['login', '-p', 'dev', '--json', flag]);
      assert.equal(await readFile(victim, 'utf8'), 'precious\n');
      assert.equal(res.code, 0, res.stderr);
      assert.equal(JSON.parse(res.stdout).Version, 1);
      assert.deepEqual(lines(res.stderr), stderr(path()));
    } finally {
      await rm(path(), { force: true });
    }
  });
}

test('finding 7: a config directory writable by others is refused with what to chmod', async () => {
  await chmod(kit.sb.configDir, 0o777);
  try {
    const res = await kit.sb.awssso(['login', '-p', 'dev', '--json']);
    assert.equal(res.code, EXIT.config);
    assert.equal(res.stdout, '');
    assert.deepEqual(lines(res.stderr), [`awssso: ${kit.sb.configDir} is writable by group or others (mode 777): run \`chmod go-w ${kit.sb.configDir}\``]);
  } finally {
    await chmod(kit.sb.configDir, 0o700);
  }
});

test('finding 7: a config directory owned by someone else is refused', { skip: process.getuid?.() !== 0 && 'needs root to chown' }, async () => {
  await chown(kit.sb.configDir, 65534, 65534);
  try {
    const res = await kit.sb.awssso(['login', '-p', 'dev', '--json']);
    assert.equal(res.code, EXIT.config);
    assert.deepEqual(lines(res.stderr), [`awssso: ${kit.sb.configDir} belongs to uid 65534, not to you (uid 0): it must be yours, mode 700`]);
  } finally {
    await chown(kit.sb.configDir, 0, 0);
  }
});

test('finding 8: configure -p DEFAULT is refused before anything is written', async () => {
  const config = await readFile(join(kit.sb.configDir, 'config'), 'utf8');
  const res = await kit.sb.configure('DEFAULT', ['--account-id', ACCOUNT, '--role-name', 'ReadOnlyAccess']);
  assert.equal(res.code, EXIT.config);
  assert.deepEqual(lines(res.stderr), ['awssso: "DEFAULT" cannot be a profile name: every other profile would inherit its keys']);
  assert.equal(await readFile(join(kit.sb.configDir, 'config'), 'utf8'), config);
});

test('finding 8: login -a DEFAULT does not write a [DEFAULT] section into the AWS credentials file', async () => {
  const res = await kit.sb.awssso(['login', '-p', 'dev', '-a', 'DEFAULT']);
  assert.equal(res.code, EXIT.config);
  assert.deepEqual(lines(res.stderr), ['awssso: "DEFAULT" cannot be a profile name: every other profile would inherit its keys']);
  const creds = await readFile(kit.sb.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8').catch(() => '');
  assert.doesNotMatch(creds, /\[DEFAULT\]/);
});

test('finding 11: --record naming a directory: the credentials are printed, exit 0, one warning', async () => {
  const dir = join(kit.sb.home, 'a-directory');
  await mkdir(dir, { recursive: true });
  const res = await kit.sb.awssso(['login', '-p', 'dev', '--json', '-r', '--record', dir]);
  assert.equal(res.code, 0, res.stderr);
  assert.equal(JSON.parse(res.stdout).Version, 1);
  assert.deepEqual(lines(res.stderr), [`awssso: could not save the recording: refusing to write ${dir}: it is a directory`]);
});

test('finding 11: a directory where the role cache file goes: the credentials still come', async () => {
  await rm(rolePath, { force: true, recursive: true });
  await mkdir(join(rolePath, 'x'), { recursive: true });
  try {
    const res = await kit.sb.awssso(['login', '-p', 'dev', '--json', '-r']);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(JSON.parse(res.stdout).Version, 1);
    assert.deepEqual(lines(res.stderr), [`awssso: could not cache the role credentials: refusing to write ${rolePath}: it is a directory`]);
  } finally {
    await rm(rolePath, { force: true, recursive: true });
  }
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`finding 12: ${signal} during login -c -b removes the page that holds the console sign-in token`, async () => {
    const tmp = join(kit.sb.home, `tmp-${signal}`);
    const bin = join(kit.sb.home, `bin-${signal}`);
    await mkdir(tmp, { recursive: true });
    await mkdir(bin, { recursive: true });
    // The browser opener: notes which page it was given and returns, as xdg-open does.
    const opened = join(kit.sb.home, `opened-${signal}`);
    await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
    const proc = new Proc(process.execPath, [binRun, 'login', '-p', 'dev', '-c', '-b'],
      { env: { ...kit.sb.env, TMPDIR: tmp, PATH: `${bin}:${process.env.PATH}` }, timeoutMs: 30_000 });
    let page = '';
    while (proc.running && !page) {
      page = await readFile(opened, 'utf8').catch(() => '');
      await sleep(50);
    }
    assert.ok(page.startsWith(tmp), `the page ${page} is under TMPDIR`);
    assert.ok((await stat(page)).isFile());
    process.kill(proc.pid, signal);
    const exit = await proc.exited;
    assert.notEqual(exit.code, 0);
    assert.deepEqual(await readdir(tmp), [], 'a temporary file was left');
  });
}
