// A real moto_server on 127.0.0.1, standing in for STS: it issues role credentials and later
// tells AWS clients whose they are (sts get-caller-identity).
import { freePort, Proc, waitForPort } from './processes.js';

export interface RunningMoto {
  url: string;
  close(): Promise<void>;
}

export async function startMoto(): Promise<RunningMoto> {
  const port = await freePort();
  const proc = new Proc('moto_server', ['-p', String(port), '-H', '127.0.0.1'], {
    // The server outlives a single test: the deadline only guards against a forgotten close().
    timeoutMs: 30 * 60_000,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1' },
  });
  try {
    await waitForPort(port, 30_000, proc);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => { await proc.stop(); },
  };
}
