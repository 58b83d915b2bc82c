// The scenario's rate limit: each limited operation may be called perSecond times per
// wall-clock second; perSecond 0 throttles every call.
import type { Throttle } from './scenario.js';

export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(private readonly rule: Throttle | undefined) {}

  /** Counts one call of `op`; false when it goes beyond the limit. */
  allow(op: string): boolean {
    const rule = this.rule;
    if (!rule || (rule.operations && !rule.operations.includes(op))) return true;
    const second = Math.floor(Date.now() / 1000);
    const w = this.windows.get(op);
    if (!w || w.second !== second) {
      this.windows.set(op, { second, count: 1 });
    } else {
      w.count++;
    }
    return (this.windows.get(op)?.count ?? 0) <= rule.perSecond;
  }
}
