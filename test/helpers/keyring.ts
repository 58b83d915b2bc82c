// A real Secret Service for a test: gnome-keyring, unlocked, on a private D-Bus session, with
// its files in the sandbox's home. The shell commands run inside that session.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { run, type Exit } from './processes.js';

export async function inKeyringSession(home: string, commands: string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  const xdg: NodeJS.ProcessEnv = {};
  for (const [name, dir] of [['XDG_DATA_HOME', 'data'], ['XDG_CONFIG_HOME', 'config'], ['XDG_CACHE_HOME', 'cache'], ['XDG_RUNTIME_DIR', 'run']] as const) {
    xdg[name] = join(home, dir);
    await mkdir(xdg[name]!, { recursive: true, mode: 0o700 });
  }
  const script = ['echo test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null', ...commands].join(' && ');
  return run('dbus-run-session', ['--', 'sh', '-c', script], { env: { ...env, ...xdg }, timeoutMs: 90_000 });
}
