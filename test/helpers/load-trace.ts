// Which modules a CLI run loads: ESM through a load hook (which runs in its own thread in node
// 20), CommonJS from require.cache at exit, both appended to a log file. How the tests prove a
// warm call was answered by the fast path: none of the heavy packages was loaded.
import { readFile } from 'node:fs/promises';
import { run, type Exit } from './processes.js';

/** What the fast path must never load (README: how it works, step 1). */
export const HEAVY = ['@oclif/core', 'got', 'selenium-webdriver', '@napi-rs/keyring', 'tough-cookie', 'jose', 'otplib', 'cheerio', '@inquirer/prompts'];

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(process.env.AWSSSO_TEST_LOAD_LOG, url + '\\n'); return next(url, context); }`;
const PRELOAD = `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));
process.on('exit', () => appendFileSync(process.env.AWSSSO_TEST_LOAD_LOG, Object.keys(createRequire('/').cache).map((p) => p + '\\n').join('')));`;

export interface Traced extends Exit {
  /** every module file or URL the run loaded */
  loaded: string[];
  /** the packages of HEAVY that the run loaded */
  heavy: string[];
  /** the fast-path bundles (dist/*.cjs) that the run loaded */
  bundles: string[];
}

/** Runs `node <args>` with every loaded module written to `log`. */
export async function runTraced(args: string[], opts: { env: NodeJS.ProcessEnv; cwd: string; log: string }): Promise<Traced> {
  const exit = await run(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`, ...args], {
    env: { ...opts.env, AWSSSO_TEST_LOAD_LOG: opts.log },
    cwd: opts.cwd,
  });
  const loaded = (await readFile(opts.log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return {
    ...exit,
    loaded,
    heavy: HEAVY.filter((name) => loaded.some((l) => l.includes(`/node_modules/${name}/`))),
    bundles: loaded.map((l) => /\/dist\/([\w-]+\.cjs)$/.exec(l)?.[1]).filter((b): b is string => Boolean(b)).sort(),
  };
}
