// Answers a warm `awssso login --json` / `-e` straight from the role-credential cache, loading
// only node built-ins (oclif alone costs ~70 ms). Anything it does not fully understand, a miss,
// a corrupted file or fewer than 15 minutes left returns false: the full command takes over.
// Its output is the full command's, byte for byte: both format with src/output.
import { writeSync } from 'node:fs';
import { readProfile } from '../store/config-read.js';
import { readRoleCache, isFresh } from '../store/role-cache.js';
import { formatProcessJson } from '../output/process-json.js';
import { formatEnv, SHELL_FORMATS, type ShellFormat } from '../output/env.js';

interface FastRequest {
  profile: string;
  output: 'json' | 'export';
  format: ShellFormat;
}

/** Flags that change nothing for a cache hit. */
const INERT = new Set(['--no-spinner', '--spinner', '--no-headless', '--headless']);
const INERT_WITH_VALUE = new Set(['-a', '--aws-profile', '--region']);

export function parseFastRequest(argv: readonly string[]): FastRequest | undefined {
  if (argv[0] !== 'login') return undefined;
  let profile = 'default';
  let format: string | undefined;
  let json = false;
  let exportLines = false;
  for (let i = 1; i < argv.length; i++) {
    const eq = argv[i]!.startsWith('--') ? argv[i]!.indexOf('=') : -1;
    const name = eq > 0 ? argv[i]!.slice(0, eq) : argv[i]!;
    const value = () => (eq > 0 ? argv[i]!.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '-j': case '--json': json = true; break;
      case '-e': case '--export': exportLines = true; break;
      case '-p': case '--profile': profile = value() ?? ''; break;
      case '--format': format = value(); break;
      default:
        if (INERT_WITH_VALUE.has(name)) value();
        else if (!INERT.has(name)) return undefined;
    }
    if (eq > 0 && !['--profile', '--format', '--aws-profile', '--region'].includes(name)) return undefined;
  }
  // Conflicts and bad values are the full command's to explain.
  if (json === exportLines || !profile || profile.startsWith('-')) return undefined;
  if (format !== undefined && (json || !(SHELL_FORMATS as readonly string[]).includes(format))) return undefined;
  return { profile, output: json ? 'json' : 'export', format: (format ?? 'bash') as ShellFormat };
}

/** What the cache answers to `argv`, or undefined when the full command must run. Never throws. */
export function cachedAnswer(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const req = parseFastRequest(argv);
  if (!req) return undefined;
  try {
    const profile = readProfile(req.profile, env);
    if (!profile.accountId || !profile.roleName) return undefined;
    const { credentials } = readRoleCache({ startUrl: profile.url, accountId: profile.accountId, roleName: profile.roleName }, env);
    if (!credentials || !isFresh(credentials)) return undefined;
    return req.output === 'json' ? formatProcessJson(credentials) : formatEnv(credentials, req.format);
  } catch {
    return undefined; // the full command explains what is wrong
  }
}

/** Prints the cached answer and says whether there was one. */
export function answerFromCache(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const text = cachedAnswer(argv, env);
  if (text === undefined) return false;
  // Not inside cachedAnswer's try: a failed write must not fall through to the full command,
  // which would print a second time.
  writeStdout(text);
  return true;
}

/**
 * Straight to fd 1: process.stdout first builds a stream (for a pipe, a net.Socket), which
 * costs ~2 ms of a run that node itself makes last ~80 ms.
 */
function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch (err) {
    // A non-blocking stdout that is full: the stream waits for the reader.
    if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    process.stdout.write(bytes.subarray(done));
  }
}
