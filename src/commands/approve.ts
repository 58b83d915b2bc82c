import { Args, Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { buildRunOptions } from '../cli/build-run-options.js';
import { hasTerminal } from '../cli/prompts.js';
import { relayAndApprove } from '../cli/relay-and-approve.js';
import { resolveProfile } from '../auth/profile.js';
import { PortalAccess } from '../auth/portal-access.js';
import { approve, type Confirm } from '../auth/approve.js';
import { isCodelessDevicePage, parseApprovalArgument, type ApprovalTarget } from '../auth/approval-target.js';
import { AwsssoError, EXIT } from '../errors.js';

export default class Approve extends AwsssoCommand {
  static override summary = 'Approve an AWS CLI or SDK login (device code or authorize URL) with the profile\'s portal session';
  static override description = [
    'Approves a pending `aws sso login` as the profile\'s user, signing in first when needed, without',
    'a browser: by its user code (ABCD-EFGH, or a URL carrying user_code=), or by the /authorize URL',
    'that AWS CLI 2.22+ prints, whose final redirect goes to the CLI\'s own loopback listener.',
    'What is being approved is shown on stderr first. With --from-stdin it reads the AWS CLI\'s',
    'output, passes it through to stdout, and approves the first code or URL in it.',
  ].join(' ');

  static override examples = [
    { description: 'Headless `aws sso login`', command: 'aws sso login --no-browser --use-device-code | <%= config.bin %> approve --from-stdin -p dev' },
    { description: 'Approve a code shown elsewhere', command: '<%= config.bin %> approve BCDF-GHJK -p dev' },
  ];

  static override args = {
    // ignoreStdin: oclif would otherwise take a missing argument from stdin, which --from-stdin reads itself
    target: Args.string({ description: 'user code (ABCD-EFGH), verification URL with user_code=, or /authorize URL', ignoreStdin: true }),
  };

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile', default: 'default' }),
    'from-stdin': Flags.boolean({ description: 'read `aws sso login` output from stdin, pass it to stdout, approve what it asks for' }),
    yes: Flags.boolean({ char: 'y', description: 'approve without asking (required when stdin is not a terminal, unless --from-stdin)' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Approve);
    const given = args.target === undefined ? undefined : parseTarget(args.target);
    if (!given && !flags['from-stdin']) throw new AwsssoError('give a user code or URL to approve, or --from-stdin', EXIT.usage);
    if (given && flags['from-stdin']) throw new AwsssoError('give either a code or URL, or --from-stdin, not both', EXIT.usage);
    if (given && !flags.yes && !hasTerminal()) throw new AwsssoError('no terminal to confirm the approval: add --yes', EXIT.usage);

    const profile = resolveProfile(flags.profile, flags, process.env);
    const run = await buildRunOptions(profile, { spinner: flags.spinner, headless: flags.headless, browser: 'auto' });
    // Piping the tool's own output in is the request; otherwise --yes or a yes at the terminal.
    const confirm: Confirm = flags.yes || flags['from-stdin']
      ? async () => true
      : () => run.asker.choose('Approve?', [{ name: 'Approve', value: true }, { name: 'Cancel', value: false }]);
    const access = await PortalAccess.open(run);
    const approveTarget = async (target: ApprovalTarget) => {
      const done = await approve(run, access, target, confirm);
      run.progress.done();
      run.inform(done);
    };
    try {
      if (given) await approveTarget(given);
      else await relayAndApprove(process.stdin, process.stdout, approveTarget);
    } finally {
      run.progress.done();
      await access.close();
    }
  }
}

function parseTarget(arg: string): ApprovalTarget {
  const target = parseApprovalArgument(arg);
  if (target) return target;
  if (isCodelessDevicePage(arg)) {
    throw new AwsssoError('that device page carries no code: approve the code printed beside it (ABCD-EFGH)', EXIT.usage);
  }
  throw new AwsssoError('not a user code (ABCD-EFGH), a URL with user_code=, or an /authorize URL', EXIT.usage);
}
