// Bundles the fast paths that bin/run.cjs loads instead of oclif (after `tsc`, from dist/src):
// each one CommonJS file, because node loads one file far faster than a graph of ES modules.
//   fast-path.cjs          warm cache; node built-ins only
//   code-cache.cjs         loads the next two with the code V8 compiled for them on an earlier run
//   fast-path-fetch.cjs    stored session, GetRoleCredentials over node's http; built-ins only
//   fast-path-sign-in.cjs  the login command's code with got, tough-cookie and jose inside, less
//                          the load-time work they do that a sign-in never uses (bundle/defer-unused-work.mjs)
import { build } from 'esbuild';
import { deferUnusedWork } from './bundle/defer-unused-work.mjs';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', outdir: 'dist', outExtension: { '.js': '.cjs' } };
/**
 * For the bundles bin/run.cjs loads through src/cli/code-cache.ts (a vm.Script, which has no ES-module
 * loader): what they load lazily is required, not import()ed. Every package they leave outside ships
 * CommonJS, and src/http/version.ts reads package.json beside its compiled file.
 */
const loadedFromCodeCache = {
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': 'versionModuleUrl' },
  banner: { js: "const versionModuleUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'src/http/version.js')).href;" },
};

await build({ ...common, entryPoints: { 'fast-path': 'dist/src/cli/fast-path-entry.js' }, packages: 'external' });

await build({ ...common, entryPoints: { 'code-cache': 'dist/src/cli/code-cache-entry.js' }, packages: 'external' });

await build({ ...common, ...loadedFromCodeCache, entryPoints: { 'fast-path-fetch': 'dist/src/cli/fast-path-fetch-entry.js' }, packages: 'external' });

await build({
  ...common,
  ...loadedFromCodeCache,
  entryPoints: { 'fast-path-sign-in': 'dist/src/cli/fast-path-sign-in-entry.js' },
  plugins: [deferUnusedWork],
  // Loaded only when used, and not worth inlining: oclif (a spinner at a terminal), prompts, the
  // browser fallback's driver, the keyring's native binding.
  external: ['@oclif/core', '@inquirer/prompts', 'selenium-webdriver', '@napi-rs/keyring', 'cheerio'],
});
