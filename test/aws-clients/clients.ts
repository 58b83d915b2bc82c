// How the tests run each unmodified AWS client: boto3/botocore through a small probe script,
// awscli v1 as `python3 -m awscli`, AWS CLI v2 as the Debian build in /usr/bin/aws.
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import type { RunningEmulator } from '../emulator/server.js';
import type { Sandbox } from '../helpers/cli.js';
import { join } from 'node:path';
import { binRun, fixture } from '../helpers/paths.js';
import { run, type Exit } from '../helpers/processes.js';

export const awsV2 = '/usr/bin/aws';
const probeScript = fixture('aws-clients', 'py', 'botocore_probe.py');

export type BotocoreRequest =
  | { action: 'credentials'; profile: string }
  | {
      action: 'call';
      service: 'sso' | 'sso-oidc';
      operation: string;
      params?: Record<string, unknown>;
      region?: string;
      paginate?: boolean;
      maxAttempts?: number;
    };

export interface BotocoreError {
  class: string;
  module: string;
  bases: string[];
  message: string;
  code?: string;
  status?: number;
}

export interface BotocoreAnswer {
  method?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string | null } | null;
  result?: Record<string, unknown>;
  pages?: Record<string, unknown>[];
  error?: BotocoreError;
}

/** Runs the boto3 probe; the request (which may carry tokens) goes through stdin, never argv. */
export async function botocore(env: NodeJS.ProcessEnv, request: BotocoreRequest): Promise<BotocoreAnswer> {
  const exit = await run('python3', [probeScript], { env, input: JSON.stringify(request), timeoutMs: 60_000 });
  if (exit.code !== 0) throw new Error(`botocore probe failed (exit ${exit.code}${exit.timedOut ? ', timed out' : ''}):\n${exit.stderr.slice(-2000)}`);
  return JSON.parse(exit.stdout) as BotocoreAnswer;
}

/** awscli v1 (the pyenv Python's awscli package; it shares botocore 1.43 with boto3). */
export function awsV1(env: NodeJS.ProcessEnv, args: readonly string[], timeoutMs = 60_000): Promise<Exit> {
  return run('python3', ['-m', 'awscli', ...args], { env, timeoutMs });
}

/**
 * AWS CLI v2 2.9.19 predates AWS_ENDPOINT_URL_<SERVICE> (added in 2.13), and `aws sso login`,
 * `aws sso logout` and the SSO credential provider create their clients without
 * `--endpoint-url`. Its documented data path (AWS_DATA_PATH) still lets a user supply an
 * endpoint rule set: these rule sets send `sso` and `sso-oidc` to `url` for every region,
 * unless an explicit `--endpoint-url` is given. Returns the directory for AWS_DATA_PATH.
 */
export async function loopbackRuleSets(dir: string, url: string): Promise<string> {
  for (const service of ['sso', 'sso-oidc']) {
    const relative = join(service, '2019-06-10', 'endpoint-rule-set-1.json');
    const shipped = JSON.parse(await readFile(join('/usr/lib/python3/dist-packages/awscli/botocore/data', relative), 'utf8')) as {
      parameters: object;
    };
    const ruleSet = {
      version: '1.0',
      parameters: shipped.parameters,
      rules: [
        {
          conditions: [{ fn: 'isSet', argv: [{ ref: 'Endpoint' }] }],
          endpoint: { url: { ref: 'Endpoint' }, properties: {}, headers: {} },
          type: 'endpoint',
        },
        { conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' },
      ],
    };
    await mkdir(join(dir, service, '2019-06-10'), { recursive: true });
    await writeFile(join(dir, relative), JSON.stringify(ruleSet));
  }
  return dir;
}

/**
 * The environment for AWS CLI v2 in an awssso sandbox: ~/.aws/config with `[sso-session emulator]`
 * and `[profile dev]` on the emulator (refresh-token scopes), and the loopback rule sets above.
 */
export async function awsCliEnv(sb: Sandbox, emu: RunningEmulator, role: { accountId: string; roleName: string }): Promise<NodeJS.ProcessEnv> {
  await writeFile(join(sb.home, '.aws', 'config'), [
    '[sso-session emulator]', `sso_start_url = ${emu.startUrl}`, `sso_region = ${emu.region}`, 'sso_registration_scopes = sso:account:access', '',
    '[profile dev]', 'sso_session = emulator', `sso_account_id = ${role.accountId}`, `sso_role_name = ${role.roleName}`, `region = ${emu.region}`, '',
  ].join('\n'));
  return { ...sb.env, AWS_DATA_PATH: await loopbackRuleSets(join(sb.home, 'models'), emu.url), AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' };
}

/** `aws sso login --no-browser --profile dev | awssso approve --from-stdin -p dev`, for `sh -c`, as a user types it. */
export const HEADLESS_LOGIN = `"${awsV2}" sso login --no-browser --profile dev | "${process.execPath}" "${binRun}" approve --from-stdin -p dev`;
