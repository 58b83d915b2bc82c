// `awssso approve --from-stdin`: passes a waiting AWS tool's output through to stdout line by
// line, and approves the first user code or authorize URL in it, so that
// `aws sso login --no-browser | awssso approve --from-stdin` is a whole login with no one to click.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { findApprovalTarget, type ApprovalTarget } from '../auth/approval-target.js';
import { AwsssoError, EXIT } from '../errors.js';

/** Resolves when the input ends after a successful approval; rejects at once when the approval fails. */
export function relayAndApprove(input: Readable, output: Writable, approveTarget: (target: ApprovalTarget) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input, crlfDelay: Infinity });
    let approval: Promise<void> | undefined;
    lines.on('line', (line) => {
      output.write(`${line}\n`);
      const target = approval ? undefined : findApprovalTarget(line);
      if (!target) return;
      approval = approveTarget(target);
      // A failed approval ends the relay now: the tool would otherwise poll until its code expires.
      approval.catch((err: unknown) => {
        lines.close();
        input.destroy();
        reject(err);
      });
    });
    lines.on('close', () => {
      if (approval) approval.then(resolve, reject);
      else reject(new AwsssoError('the input ended without a user code or an authorize URL to approve', EXIT.usage));
    });
  });
}
