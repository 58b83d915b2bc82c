// Shell exports (issue 14, finding 1): every format's quoting is total. Real bash, zsh, dash and
// fish evaluate lines made of hostile values in every field and must neither run the canary
// command nor change a value; PowerShell's rule is checked against every quote character
// PowerShell honours in a single-quoted string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { formatEnv } from '../../src/output/env.js';
import { tempDir } from '../helpers/processes.js';
import type { RoleCredentials } from '../../src/types.js';

/** Each tries another way out of a quoted string; all of them would create CANARY. */
const HOSTILE = [
  `'$(touch CANARY)'`,
  `";touch CANARY;"\`touch CANARY\``,
  `'\\''; touch CANARY; echo '\n$(touch CANARY)\\`,
  `\u2019;touch CANARY;\u2018 $HOME %PATH% !! \${HOME} \\' '"'`,
];

const credsWith = (value: string): RoleCredentials => ({ accessKeyId: value, secretAccessKey: `${value}x`, sessionToken: `x${value}`, expiration: Date.now() + 3600_000 });
const FIELDS = [['AWS_ACCESS_KEY_ID', 'accessKeyId'], ['AWS_SECRET_ACCESS_KEY', 'secretAccessKey'], ['AWS_SESSION_TOKEN', 'sessionToken']] as const;

const SHELLS = [
  { shell: 'bash', format: 'bash', script: (file: string, v: string) => `eval "$(cat '${file}')"; printf %s "$${v}"` },
  { shell: 'zsh', format: 'bash', script: (file: string, v: string) => `eval "$(cat '${file}')"; printf %s "$${v}"` },
  { shell: 'dash', format: 'bash', script: (file: string, v: string) => `eval "$(cat '${file}')"; printf %s "$${v}"` },
  { shell: 'fish', format: 'fish', script: (file: string, v: string) => `source '${file}'; printf %s "$${v}"` },
] as const;

for (const { shell, format, script } of SHELLS) {
  test(`finding 1: ${shell} runs nothing from hostile values and keeps each one as it was`, async () => {
    const dir = await tempDir(`awssso-${shell}`);
    try {
      for (const value of HOSTILE) {
        const creds = credsWith(value);
        const file = join(dir.path, 'exports');
        await writeFile(file, formatEnv(creds, format));
        for (const [variable, field] of FIELDS) {
          const out = spawnSync(shell, ['-c', script(file, variable)], { cwd: dir.path, encoding: 'utf8', env: { ...process.env, HOME: dir.path } });
          assert.equal(out.status, 0, `${shell}: ${out.stderr}`);
          assert.equal(out.stdout, creds[field], `${shell} changed ${variable}`);
          assert.equal(existsSync(join(dir.path, 'CANARY')), false, `${shell} ran the canary through ${variable}`);
        }
      }
    } finally {
      await dir.remove();
    }
  });
}

/** PowerShell's single-quoted string (about_Quoting_Rules): any of these quotes ends it unless doubled. */
const POWERSHELL_QUOTES = ['\u0027', '\u2018', '\u2019', '\u201a', '\u201b'];

/** Reads `$Env:NAME = '...'` the way PowerShell does; returns the value and what follows the string. */
function readPowershellLine(line: string): { value: string; rest: string } {
  const start = line.indexOf(' = ') + 3;
  assert.ok(POWERSHELL_QUOTES.includes(line[start]!), 'the value is single-quoted');
  let value = '';
  let i = start + 1;
  for (; i < line.length; i++) {
    if (!POWERSHELL_QUOTES.includes(line[i]!)) { value += line[i]; continue; }
    if (!POWERSHELL_QUOTES.includes(line[i + 1] ?? '')) break;
    value += line[i]; // a doubled quote is one literal quote
    i++;
  }
  return { value, rest: line.slice(i + 1) };
}

for (const quote of POWERSHELL_QUOTES) {
  test(`finding 1: PowerShell: U+${quote.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} inside a value cannot end the string`, () => {
    const value = `a${quote};New-Item CANARY;${quote}b${quote}${quote}`;
    const lines = formatEnv(credsWith(value), 'powershell').trimEnd().split('\n');
    for (const [index, [, field]] of FIELDS.entries()) {
      const { value: read, rest } = readPowershellLine(lines[index]!);
      assert.equal(read, credsWith(value)[field]);
      assert.equal(rest, '', 'nothing runs after the string');
    }
  });
}
