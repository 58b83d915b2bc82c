// What the credential_process benchmarks share: the emulator, an awssso home whose profile `bench`
// is configured and warm (its role credentials cached), and an AWS home where boto3's own SSO
// provider finds a token for the same role. All of it is removed at the end, or on Ctrl-C: the
// homes hold credentials.
import { startEmulator, type RunningEmulator } from '../test/emulator/server.js';
import { sandbox, type Sandbox } from '../test/helpers/cli.js';
import { signInToEmulator, oidcDeviceToken } from '../test/helpers/portal-session.js';
import { createAwsHome, type AwsHome } from '../test/aws-clients/aws-home.js';

export const ACCOUNT = '111122223333';
export const ROLE = 'ReadOnlyAccess';

export interface BenchHome {
  emu: RunningEmulator;
  sb: Sandbox;
  aws: AwsHome;
}

/** Runs `bench` in a fresh BenchHome and removes it afterwards, whatever happens. */
export async function inBenchHome(bench: (home: BenchHome) => Promise<void>, sandboxEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  const emu = await startEmulator();
  const sb = await sandbox(emu, { AWSSSO_SECRET_STORE: 'file', ...sandboxEnv });
  const aws = await createAwsHome({ startUrl: emu.startUrl, region: emu.region, profiles: [{ name: 'sso', accountId: ACCOUNT, roleName: ROLE }] });
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => (cleaning ??= (async () => {
    await aws.remove();
    await sb.remove();
    await emu.close();
  })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
  try {
    const configured = await sb.configure('bench', ['--account-id', ACCOUNT, '--role-name', ROLE]);
    if (configured.code !== 0) throw new Error(configured.stderr);
    const warm = await sb.awssso(['login', '-p', 'bench', '--json']);
    if (warm.code !== 0) throw new Error(warm.stderr);
    const token = await oidcDeviceToken(emu, await signInToEmulator(emu));
    await aws.writeTokenCache({
      startUrl: emu.startUrl,
      region: emu.region,
      accessToken: token.accessToken,
      expiresAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    await bench({ emu, sb, aws });
  } finally {
    await cleanUp();
  }
}
