// Read-edit-write of one INI file under a cross-process lock: the text is read inside the lock
// (so two processes never drop each other's edits), the file keeps the mode its owner gave it (a
// new one is 0600) and is replaced atomically. A dry run returns the texts and writes nothing.
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { decodeIni, IniSyntaxError } from './ini.js';
import { withLock } from './lock.js';

export interface IniFileEdit {
  path: string;
  /** the lock held while the file is read and replaced */
  lock: string;
  /** the one-line error for a file botocore (or awssso) cannot read */
  malformed(err: IniSyntaxError): ConfigError;
  dryRun?: boolean;
  /** a fixed mode instead of the file's own (a file of secrets) */
  mode?: number;
  /** write through a symbolic link at the path (the user's AWS files, which dotfiles repositories link) */
  followSymlink?: boolean;
  env?: NodeJS.ProcessEnv;
}

async function currentFile(path: string): Promise<{ bytes: Buffer; mode: number }> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    return { bytes, mode: info.mode & 0o777 };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: Buffer.alloc(0), mode: 0o600 };
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Replaces the file's text by `edit(text)`; returns both texts. */
export async function editIniFile(file: IniFileEdit, edit: (text: string) => string): Promise<{ before: string; after: string }> {
  return withLock(
    file.lock,
    async () => {
      const { bytes, mode } = await currentFile(file.path);
      let before: string;
      let after: string;
      try {
        before = decodeIni(bytes);
        after = edit(before);
      } catch (err) {
        if (err instanceof IniSyntaxError) throw file.malformed(err);
        if (err instanceof ConfigError) throw err;
        throw new ConfigError(`cannot update ${file.path}: ${(err as Error).message}`);
      }
      if (!file.dryRun && after !== before) await writeFileAtomic(file.path, after, file.mode ?? mode, { followSymlink: file.followSymlink ?? false });
      return { before, after };
    },
    { env: file.env },
  );
}
