// When the browser sign-in fails: a screenshot and the page's HTML under <config>/debug/, with
// what was typed into password and code fields taken out first, and both paths in one line.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { debugDir } from '../../store/paths.js';
import { redactText } from '../../recording/redact.js';
import type { ChromeDriver } from './driver.js';

/** Empties every field that is not plainly a name or e-mail (passwords, codes, unknown ones) before the screenshot. */
const EMPTY_FIELDS_SCRIPT = String.raw`
for (const el of document.querySelectorAll('input, textarea')) {
  const keep = /^(checkbox|radio|submit|button|hidden)$/i.test(el.type) || /user|email/i.test(el.name + el.id + el.autocomplete);
  if (!keep) el.value = '';
}
`;

/** The page's HTML with no input value (hidden ones hold tokens), no textarea text and no script body (scripts hold config). */
export async function scrubbedHtml(html: string): Promise<string> {
  const { load } = await import('cheerio');
  const $ = load(html);
  $('input').not('[type=checkbox i], [type=radio i], [type=submit i], [type=button i]').removeAttr('value');
  $('textarea, script').empty();
  return $.html();
}

/** Writes the two files and returns their paths; never throws (the sign-in error matters more). */
export async function saveDiagnostics(driver: ChromeDriver, env: NodeJS.ProcessEnv, secrets: readonly string[]): Promise<string[]> {
  const dir = debugDir(env);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const saved: string[] = [];
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    await driver.executeScript(EMPTY_FIELDS_SCRIPT);
    const html = await scrubbedHtml(await driver.getPageSource());
    const png = await driver.takeScreenshot();
    let text = redactText(html);
    for (const secret of secrets.filter((one) => one.length >= 4)) text = text.split(secret).join('REDACTED');
    const htmlPath = join(dir, `browser-${stamp}.html`);
    await writeFile(htmlPath, text, { mode: 0o600 });
    saved.push(htmlPath);
    const pngPath = join(dir, `browser-${stamp}.png`);
    await writeFile(pngPath, Buffer.from(png, 'base64'), { mode: 0o600 });
    saved.unshift(pngPath);
  } catch {
    // a dead browser has no page to save; whatever was written is still reported
  }
  return saved;
}
