// Runs the built CLI as a user would: a subprocess with its own temporary HOME and config
// directory, pointed at an emulator through the AWS endpoint variables.
import { after, before } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { binRun } from './paths.js';
import { run, tempDir, type Exit } from './processes.js';
import { startEmulator, type RunningEmulator, type Scenario } from '../emulator/server.js';

export const DEMO = {
  username: 'demo@example.com',
  password: 'Demo-Passw0rd!',
  seed: 'JBSWY3DPEHPK3PXP',
} as const;

export interface EmulatorEndpoints {
  url: string;
  startUrl: string;
  region: string;
}

export interface Sandbox {
  home: string;
  configDir: string;
  env: NodeJS.ProcessEnv;
  awssso(args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<Exit>;
  /** `configure` for the demo user, non-interactively, with the password and seed from the environment. */
  configure(profile?: string, flags?: string[], env?: NodeJS.ProcessEnv): Promise<Exit>;
  remove(): Promise<void>;
}

/** Variables of the developer's shell that would change what awssso does. */
const SCRUBBED = /^(AWS_|AWSSSO_|DBUS_SESSION_BUS_ADDRESS$|XDG_RUNTIME_DIR$|DISPLAY$)/;

export async function sandbox(emu: EmulatorEndpoints, extraEnv: NodeJS.ProcessEnv = {}): Promise<Sandbox> {
  const dir = await tempDir('awssso-e2e-');
  const home = dir.path;
  const configDir = join(home, '.awssso');
  await mkdir(join(home, '.aws'), { recursive: true });
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SCRUBBED.test(k)));
  const env: NodeJS.ProcessEnv = {
    ...base,
    HOME: home,
    AWSSSO_CONFIG_DIR: configDir,
    AWS_ENDPOINT_URL_SSO: emu.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
    AWSSSO_FEDERATION_ENDPOINT: `${emu.url}/federation`,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    ...extraEnv,
  };
  const awssso: Sandbox['awssso'] = (args, opts = {}) =>
    run(process.execPath, [binRun, ...args], { env: { ...env, ...opts.env }, input: opts.input, timeoutMs: opts.timeoutMs ?? 60_000 });
  return {
    home,
    configDir,
    env,
    awssso,
    configure: (profile = 'default', flags = [], extra = {}) =>
      awssso(['configure', '-p', profile, '--url', emu.startUrl, '--region', emu.region, '--username', DEMO.username, ...flags], {
        env: { AWSSSO_PASSWORD: DEMO.password, AWSSSO_TOTP_SEED: DEMO.seed, ...extra },
      }),
    remove: dir.remove,
  };
}

/** A sandbox (secrets in the file store) whose profile `dev` is the demo user's role (default ReadOnlyAccess in 111122223333). */
export async function devSandbox(
  emu: EmulatorEndpoints,
  role: { accountId: string; roleName: string } = { accountId: '111122223333', roleName: 'ReadOnlyAccess' },
): Promise<Sandbox> {
  const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file' });
  const configured = await sb.configure('dev', ['--account-id', role.accountId, '--role-name', role.roleName]);
  if (configured.code !== 0) {
    await sb.remove();
    throw new Error(`configure failed: ${configured.stderr}`);
  }
  return sb;
}

/** An emulator and a devSandbox on it, on the given account and role. */
export async function configuredSandbox(
  opts: { scenario?: Scenario; stsEndpoint?: string; accountId: string; roleName: string },
): Promise<{ emu: RunningEmulator; sb: Sandbox }> {
  const emu = await startEmulator({ scenario: opts.scenario, stsEndpoint: opts.stsEndpoint });
  try {
    return { emu, sb: await devSandbox(emu, opts) };
  } catch (error) {
    await emu.close();
    throw error;
  }
}

/** A configuredSandbox for the tests of the enclosing describe: made before them, removed after. */
export function withConfiguredSandbox(opts: Parameters<typeof configuredSandbox>[0]): { emu: RunningEmulator; sb: Sandbox } {
  const made = {} as { emu: RunningEmulator; sb: Sandbox };
  before(async () => Object.assign(made, await configuredSandbox(opts)));
  after(async () => {
    await made.sb?.remove();
    await made.emu?.close();
  });
  return made;
}
