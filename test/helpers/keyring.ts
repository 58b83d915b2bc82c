// A real Secret Service for a test: gnome-keyring, unlocked, on a private D-Bus session, with
// its files in the sandbox's home. The shell commands run inside that session.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { run, type Exit } from './processes.js';

/** XDG directories of their own below `home`, made 0700, for a gnome-keyring started under dbus-run-session. */
export async function secretServiceDirs(home: string): Promise<NodeJS.ProcessEnv> {
  const dirs = { XDG_DATA_HOME: 'data', XDG_CONFIG_HOME: 'config', XDG_CACHE_HOME: 'cache', XDG_RUNTIME_DIR: 'run' };
  for (const d of Object.values(dirs)) await mkdir(join(home, d), { recursive: true, mode: 0o700 });
  return Object.fromEntries(Object.entries(dirs).map(([name, d]) => [name, join(home, d)]));
}

export async function inKeyringSession(home: string, commands: string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  const xdg = await secretServiceDirs(home);
  const script = ['echo test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null', ...commands].join(' && ');
  return run('dbus-run-session', ['--', 'sh', '-c', script], { env: { ...env, ...xdg }, timeoutMs: 90_000 });
}
