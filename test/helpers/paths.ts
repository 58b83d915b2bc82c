// Tests run from dist/test/...; fixtures stay in the source tree.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixture = (...parts: string[]) => join(repoRoot, 'test', ...parts);
export const binRun = join(repoRoot, 'bin', 'run.cjs');
