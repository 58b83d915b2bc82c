// The flags of `login` that the fast paths understand, read the way oclif reads them. The fast
// paths answer only an argv that oclif would accept with the same meaning; anything else (a flag
// given twice, an unknown or conflicting one, a bad value) goes to oclif, which explains it, so
// the answer never depends on whether the cache is warm (issue 14 item 14).
// test/cli/fast-flags.test.ts ties this table to login's flag definitions. Node built-ins only.
import { SHELL_FORMATS, type ShellFormat } from '../output/env.js';

interface FlagSpec {
  char?: string;
  /** takes a value (an oclif string option); else a boolean */
  value?: boolean;
  /** a boolean with a --no- form */
  allowNo?: boolean;
}

/** The subset of login's flags (its own and the global ones) that the fast paths accept. */
export const FAST_FLAGS = {
  profile: { char: 'p', value: true },
  'aws-profile': { char: 'a', value: true },
  region: { value: true },
  format: { value: true },
  json: { char: 'j' },
  export: { char: 'e' },
  renew: { char: 'r' },
  'force-refresh': { char: 'f' },
  spinner: { allowNo: true },
  headless: { allowNo: true },
} as const satisfies Record<string, FlagSpec>;

type FastFlag = keyof typeof FAST_FLAGS;

export interface FastRequest {
  profile: string;
  region?: string;
  output: 'json' | 'export';
  format: ShellFormat;
  /** -r: fetch anew even when the cache is fresh */
  renew: boolean;
  /** -f: sign in anew even with a stored portal session */
  forceRefresh: boolean;
  spinner: boolean;
  headless: boolean;
}

const BY_CHAR = new Map<string, FastFlag>(
  Object.entries(FAST_FLAGS).flatMap(([name, spec]) => ('char' in spec ? [[spec.char, name as FastFlag] as const] : [])),
);

/**
 * The flag an argument names and its inline value (`--name=v`, `-p=v`, `-pv`) or `--no-` form,
 * or undefined when it is none of ours.
 */
function flagOf(arg: string): { name: FastFlag; inline?: string; negated?: true } | undefined {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    const word = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (Object.hasOwn(FAST_FLAGS, word)) return { name: word as FastFlag, ...(inline === undefined ? {} : { inline }) };
    const negated = word.startsWith('no-') ? word.slice(3) : undefined;
    if (negated && inline === undefined && Object.hasOwn(FAST_FLAGS, negated) && 'allowNo' in FAST_FLAGS[negated as FastFlag]) {
      return { name: negated as FastFlag, negated: true };
    }
    return undefined;
  }
  if (arg.length < 2 || arg[0] !== '-') return undefined;
  const name = BY_CHAR.get(arg[1]!);
  if (!name) return undefined;
  const rest = arg.slice(2);
  if (!rest) return { name };
  // oclif reads `-pdev` and `-p=dev` as a value.
  return 'value' in FAST_FLAGS[name] ? { name, inline: rest.startsWith('=') ? rest.slice(1) : rest } : undefined;
}

/** `-jr` as `-j -r`, as oclif reads bundled short booleans; anything else as it is. */
function unbundle(arg: string): string[] {
  if (!/^-[a-zA-Z]{2,}$/.test(arg)) return [arg];
  const chars = [...arg.slice(1)];
  const booleans = chars.every((c) => {
    const name = BY_CHAR.get(c);
    return name !== undefined && !('value' in FAST_FLAGS[name]);
  });
  return booleans ? chars.map((c) => `-${c}`) : [arg];
}

/** What `login argv` asks for, when a fast path can answer it; undefined sends it to oclif. */
export function parseFastRequest(command: readonly string[]): FastRequest | undefined {
  if (command[0] !== 'login') return undefined;
  const argv = command.flatMap(unbundle);
  const values = new Map<FastFlag, string>();
  /** booleans given, the last one winning as in oclif */
  const on = new Map<FastFlag, boolean>();
  for (let i = 1; i < argv.length; i++) {
    const flag = flagOf(argv[i]!);
    if (!flag) return undefined;
    const spec: FlagSpec = FAST_FLAGS[flag.name];
    if (!spec.value) {
      if (flag.inline !== undefined) return undefined;
      on.set(flag.name, !flag.negated);
      continue;
    }
    // oclif: "Flag --profile can only be specified once"; a value that looks like a flag is its to judge.
    if (values.has(flag.name)) return undefined;
    const value = flag.inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    values.set(flag.name, value);
  }
  const json = on.get('json') ?? false;
  const exportLines = on.get('export') ?? false;
  const format = values.get('format');
  // Conflicts and bad values are oclif's to explain: -j with -e, --format without -e or unknown.
  if (json === exportLines) return undefined;
  if (format !== undefined && (json || !(SHELL_FORMATS as readonly string[]).includes(format))) return undefined;
  const region = values.get('region');
  return {
    profile: values.get('profile') ?? 'default',
    ...(region === undefined ? {} : { region }),
    output: json ? 'json' : 'export',
    format: (format ?? 'bash') as ShellFormat,
    renew: on.get('renew') ?? false,
    forceRefresh: on.get('force-refresh') ?? false,
    spinner: on.get('spinner') ?? true,
    headless: on.get('headless') ?? true,
  };
}
