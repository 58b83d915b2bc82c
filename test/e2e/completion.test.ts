// Shell completion: the scripts for bash, zsh and PowerShell are generated, and in a real bash the
// completion of `awssso login -p <TAB>` offers the profiles of ~/.awssso/config (commands and
// flags come from @oclif/plugin-autocomplete).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { run } from '../helpers/processes.js';

let sb: Sandbox;
let bashScript: string;

before(async () => {
  // No portal is asked: any endpoints will do.
  sb = await sandbox({ url: 'http://127.0.0.1:9', startUrl: 'http://127.0.0.1:9/start', region: 'us-east-1' });
  sb.env.XDG_CACHE_HOME = join(sb.home, '.cache');
  await mkdir(sb.configDir, { recursive: true });
  await writeFile(join(sb.configDir, 'config'), [
    '[dev]', 'url = https://d-0123456789.awsapps.com/start', 'region = eu-west-1', 'username = me',
    '', '  [prod.team]  ', 'url = https://d-0123456789.awsapps.com/start', 'region = eu-west-1', 'username = me', '',
  ].join('\n'));
  const made = await sb.awssso(['completion', 'bash']);
  assert.equal(made.code, 0, made.stderr);
  bashScript = join(sb.home, 'awssso.bash');
  await writeFile(bashScript, made.stdout);
});

after(async () => {
  await sb?.remove();
});

/** What bash offers for the words typed so far (the last one being completed). */
async function complete(...words: string[]): Promise<string[]> {
  const script = [
    `source ${JSON.stringify(bashScript)}`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE="${words.join(' ')}"`,
    'fn=$(complete -p awssso | sed -E "s/.*-F ([^ ]+) .*/\\1/")',
    '"$fn" awssso "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const res = await run('bash', ['--norc', '--noprofile', '-c', script], { env: sb.env });
  assert.equal(res.code, 0, res.stderr);
  return res.stdout.split('\n').filter(Boolean).sort();
}

test('bash: -p and --profile complete the configured profile names', async () => {
  assert.deepEqual(await complete('awssso', 'login', '-p', ''), ['dev', 'prod.team']);
  assert.deepEqual(await complete('awssso', 'exec', '--profile', 'pr'), ['prod.team']);
});

test('bash: commands and flags still complete', async () => {
  const commands = await complete('awssso', 'lo');
  assert.ok(commands.includes('login') && commands.includes('logout'), commands.join(' '));
  assert.ok((await complete('awssso', 'populate', '--pr')).includes('--prune'));
});

test('zsh and PowerShell scripts are generated', async () => {
  const zsh = await sb.awssso(['completion', 'zsh']);
  assert.equal(zsh.code, 0, zsh.stderr);
  assert.match(zsh.stdout, /^#compdef awssso/);
  assert.match(zsh.stdout, /compdef _awssso_with_profiles awssso/);
  const pwsh = await sb.awssso(['completion', 'powershell']);
  assert.equal(pwsh.code, 0, pwsh.stderr);
  assert.match(pwsh.stdout, /Register-ArgumentCompleter/);
  const bad = await sb.awssso(['completion', 'fish']);
  assert.equal(bad.code, 2);
});
