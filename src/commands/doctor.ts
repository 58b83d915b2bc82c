import { Flags } from '@oclif/core';
import { AwsssoCommand } from '../cli/base-command.js';
import { runDoctor, type Status } from '../doctor/run-doctor.js';

const MARK: Record<Status, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

export default class Doctor extends AwsssoCommand {
  static override summary = 'Check what awssso needs: Node, config, secret store, network, clock, session, browser';
  static override description = [
    'Runs each check and prints one line per check with what to do when it is not ok. Nothing',
    'is changed and no sign-in happens. Exits non-zero when a check fails; --json gives the',
    'same verdicts for a bug report (no secrets in them).',
  ].join(' ');

  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor -p dev --json'];

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'awssso profile', default: 'default' }),
    json: Flags.boolean({ char: 'j', description: 'print the verdicts as JSON', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Doctor);
    const verdicts = await runDoctor({ profileName: flags.profile, region: flags.region, env: process.env, platform: process.platform });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ version: this.config.version, node: process.version, platform: `${process.platform}-${process.arch}`, checks: verdicts }, null, 2)}\n`);
    } else {
      for (const v of verdicts) process.stdout.write(`${MARK[v.status]}  ${v.check.padEnd(8)} ${v.summary}${v.fix ? ` — ${v.fix}` : ''}\n`);
    }
    if (verdicts.some((v) => v.status === 'fail')) this.exit(1);
  }
}
