// When the browser sign-in fails: a screenshot and the page's HTML under <config>/debug/, with
// what was typed into password and code fields taken out first, and both paths in one line.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { debugDir } from '../../store/paths.js';
import { redactText } from '../../recording/redact.js';
import type { ChromeDriver } from './driver.js';

/**
 * Empties every field that is not plainly a name or e-mail (passwords, codes, unknown ones) in
 * the live page, then returns the document's HTML with no value attributes left on inputs.
 */
const SCRUB_SCRIPT = String.raw`
for (const el of document.querySelectorAll('input, textarea')) {
  const keep = /^(checkbox|radio|submit|button|hidden)$/i.test(el.type) || /user|email/i.test(el.name + el.id + el.autocomplete);
  if (!keep) el.value = '';
}
const copy = document.documentElement.cloneNode(true);
for (const el of copy.querySelectorAll('input, textarea')) {
  if (!/^(checkbox|radio|submit|button)$/i.test(el.type)) el.removeAttribute('value');
  if (el.tagName === 'TEXTAREA') el.textContent = '';
}
return '<!doctype html>\n' + copy.outerHTML;
`;

/** Writes the two files and returns their paths; never throws (the sign-in error matters more). */
export async function saveDiagnostics(driver: ChromeDriver, env: NodeJS.ProcessEnv, secrets: readonly string[]): Promise<string[]> {
  const dir = debugDir(env);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const saved: string[] = [];
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const html = await driver.executeScript<string>(SCRUB_SCRIPT);
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
