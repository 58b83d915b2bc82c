// Edits sections of one of the user's AWS INI files (credentials, config) in place: under a lock
// so two awssso processes cannot drop each other's section, byte-preserving (ini.ts), written
// whole or not at all, keeping the file's mode (a new file is 0600).
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { decodeIni, editIniSection, IniSyntaxError, type IniUpdates } from './ini.js';
import { withLock } from './lock.js';

async function currentFile(path: string): Promise<{ bytes: Buffer; mode: number }> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    return { bytes, mode: info.mode & 0o777 };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: Buffer.alloc(0), mode: 0o600 };
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Applies `edits` (section name as written between brackets, keys to set or remove) to `path`. */
export async function editIniFile(path: string, edits: [section: string, updates: IniUpdates][], env: NodeJS.ProcessEnv): Promise<void> {
  await withLock(`ini ${path}`, async () => {
    const { bytes, mode } = await currentFile(path);
    let text = decodeIni(bytes);
    try {
      for (const [section, updates] of edits) text = editIniSection(text, section, updates);
    } catch (err) {
      if (!(err instanceof IniSyntaxError)) throw new ConfigError(`cannot update ${path}: ${(err as Error).message}`);
      throw new ConfigError(`cannot update ${path}: ${err.message}, which the AWS CLI cannot read either; fix it and try again`);
    }
    // a dotfiles repository often links ~/.aws files: written through, the link stays
    await writeFileAtomic(path, text, mode, { followSymlink: true });
  }, { env });
}
