// A client-side request rate that finds the server's limit by itself (docs/protocol.md §5: large
// organisations hit 429 on ListAccountRoles). Requests are spaced evenly at the current rate;
// success raises it (fast until the first 429, then by half a request per second each second),
// a 429 lowers it by a tenth and honours Retry-After for everyone. The retry policy (retry.ts)
// still backs off the throttled request itself, with jitter.
import type { AfterResponseHook, BeforeRequestHook } from 'got';

export interface RateLimitOptions {
  /** requests per second to start with */
  initialPerSecond?: number;
  maxPerSecond?: number;
}

const MIN_PER_SECOND = 0.2;
const DECREASE = 0.9;
/** Additive increase, requests per second gained per second of success. */
const INCREASE = 0.5;

export class AdaptiveRateLimit {
  private perSecond: number;
  private readonly maxPerSecond: number;
  private nextSlot = 0;
  private pausedUntil = 0;
  private lastDecrease = 0;
  private probing = true;

  constructor(opts: RateLimitOptions = {}) {
    this.perSecond = opts.initialPerSecond ?? 10;
    this.maxPerSecond = opts.maxPerSecond ?? 1000;
  }

  get rate(): number {
    return this.perSecond;
  }

  /** Waits for this request's slot. */
  async take(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextSlot, this.pausedUntil);
    this.nextSlot = at + 1000 / this.perSecond;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  succeeded(): void {
    // Per answer, so that the rate gains the same amount per second whatever it is.
    const gain = this.probing ? 0.5 : INCREASE / this.perSecond;
    this.perSecond = Math.min(this.maxPerSecond, this.perSecond + gain);
  }

  throttled(retryAfterMs?: number): void {
    const now = Date.now();
    this.probing = false;
    if (retryAfterMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    // The 429s of requests already under way answer one excess, not several: lower once per second.
    if (now - this.lastDecrease < 1000) return;
    this.lastDecrease = now;
    this.perSecond = Math.max(MIN_PER_SECOND, this.perSecond * DECREASE);
  }
}

/** Retry-After in milliseconds: delay-seconds or an HTTP date. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

export function rateLimitHooks(limit: AdaptiveRateLimit): { beforeRequest: BeforeRequestHook; afterResponse: AfterResponseHook } {
  return {
    // runs before every try, retries included; returns nothing so the request goes out
    beforeRequest: async () => {
      await limit.take();
    },
    afterResponse: (response) => {
      if (response.statusCode === 429) limit.throttled(retryAfterMs(response.headers['retry-after']));
      else if (response.statusCode < 400) limit.succeeded();
      return response;
    },
  };
}
