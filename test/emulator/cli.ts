// `npm run emulator -- --port P [--scenario FILE] [--request-log FILE] [--sts-endpoint URL]`:
// starts the emulator and prints one JSON line {url,startUrl,region,directoryId} when listening.
import { parseArgs } from 'node:util';
import { ScenarioError } from './scenario.js';
import { startEmulator } from './server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      scenario: { type: 'string' },
      'request-log': { type: 'string' },
      'sts-endpoint': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ScenarioError(`--port must be a port number, not ${values.port}`);
  const emu = await startEmulator({
    port,
    scenario: values.scenario,
    requestLog: values['request-log'],
    stsEndpoint: values['sts-endpoint'],
  });
  process.stdout.write(`${JSON.stringify({ url: emu.url, startUrl: emu.startUrl, region: emu.region, directoryId: emu.directoryId })}\n`);
  const stop = (): void => void emu.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`emulator: ${msg.split('\n')[0]}\n`);
  process.exit(2);
});
