// A count with an estimate of the time left, redrawn on one stderr line ("Listing roles: 120/2000
// accounts, about 1m34s left"); nothing at all when stderr is not a terminal.

export interface CountProgress {
  update(done: number, total: number): void;
  /** clears the line */
  end(): void;
}

const silent: CountProgress = { update() {}, end() {} };

function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function countProgress(label: string, unit: string, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): CountProgress {
  if (!enabled || !stream.isTTY) return silent;
  let start: { at: number; done: number } | undefined;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      start ??= { at: now, done }; // what was done before (from the cache) says nothing about speed
      const rate = (done - start.done) / (now - start.at || 1);
      const left = rate > 0 ? `, about ${duration((total - done) / rate)} left` : '';
      stream.write(`\r\x1b[K${label}: ${done}/${total} ${unit}${left}`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
