// The Python awssso took its global options before the command (`awssso --region R login`);
// oclif wants them after it. Node built-ins only: bin/run.cjs calls this before anything loads.

const GLOBAL_SWITCHES = new Set(['--no-headless', '--no-spinner', '--headless', '--spinner']);

/** Moves global options written before the command to just after it. */
export function normalizeArgv(argv: readonly string[]): string[] {
  const globals: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_SWITCHES.has(arg) || arg.startsWith('--region=')) globals.push(arg);
    else if (arg === '--region' && i + 1 < argv.length) globals.push(arg, argv[++i]!);
    else break;
  }
  if (globals.length === 0 || i >= argv.length || argv[i]!.startsWith('-')) return [...argv];
  return [argv[i]!, ...globals, ...argv.slice(i + 1)];
}
