// Regenerates every recording in test/recordings from the emulator:
//   npx tsc -p . && node dist/test/recordings/record.js [flow-name ...]
import { join } from 'node:path';
import { fixture } from '../helpers/paths.js';
import { isDeepStrictEqual } from 'node:util';
import { flows } from './flows.js';
import { recordFlow } from './run-flow.js';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !flows.some((f) => f.name === name));
if (unknown.length) {
  process.stderr.write(`unknown flow(s): ${unknown.join(', ')}; known: ${flows.map((f) => f.name).join(', ')}\n`);
  process.exit(2);
}

let failed = false;
for (const flow of flows.filter((f) => wanted.length === 0 || wanted.includes(f.name))) {
  const file = join(fixture('recordings'), `${flow.name}.har`);
  const { outcome, leaked } = await recordFlow(flow, file);
  const problems = [
    ...(isDeepStrictEqual(outcome, flow.expect) ? [] : [`outcome ${JSON.stringify(outcome)} is not the expected ${JSON.stringify(flow.expect)}`]),
    ...(leaked.length ? [`${leaked.length} secret(s) of the run are in the file`] : []),
  ];
  failed ||= problems.length > 0;
  process.stdout.write(`${problems.length ? 'FAIL' : 'ok  '} ${flow.name}${problems.map((p) => `\n     ${p}`).join('')}\n`);
}
process.exit(failed ? 1 : 0);
