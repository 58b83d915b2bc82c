// A recording on disk (--record, the test recordings): written atomically, readable by its owner only.
import type { Har } from 'har-format';
import { writeFileAtomic } from './atomic-write.js';

export async function saveHar(path: string, har: Har): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(har, null, 2)}\n`, 0o600);
}
