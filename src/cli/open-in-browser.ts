// Opens a console sign-in URL in the person's browser without putting its token in argv: the
// browser is pointed at a 0600 file that forwards to the URL, removed once it had time to load,
// or at once if the run is interrupted (the page holds a live sign-in token).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { AwsssoError } from '../errors.js';
import { removeOnSignal } from '../store/temp-files.js';

const OPENER: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: ['open'],
  win32: ['cmd', '/c', 'start', '""'],
};

export async function openInBrowser(url: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'awssso-'));
  const forget = removeOnSignal(dir);
  const page = join(dir, 'console.html');
  const html = `<!doctype html><meta http-equiv="refresh" content="0;url=${escapeAttr(url)}"><title>AWS console</title>`;
  const [cmd, ...args] = OPENER[process.platform] ?? ['xdg-open'];
  try {
    await writeFile(page, html, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      const child = spawn(cmd!, [...args, page], { stdio: 'ignore' });
      child.once('error', (err) => reject(new AwsssoError(`cannot open a browser with ${cmd}: ${err.message}`)));
      child.once('exit', () => resolve());
    });
    await delay(BROWSER_READ_MS);
  } finally {
    await rm(dir, { recursive: true, force: true });
    forget();
  }
}

/** How long the browser gets to read the forwarding page after the opener returned. */
const BROWSER_READ_MS = 5000;

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
