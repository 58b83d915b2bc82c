// Sign-in answers are JSON. Where HTML arrives instead (a firewall's block page, an identity
// provider's sign-in page), its <title> names it in one line; the page itself is never printed.
import type { Response } from 'got';

export type JsonAnswer = { json: unknown } | { page: string };

/** The body of a `responseType: 'text'` answer as JSON, or the name of the page that came instead. */
export async function readJsonAnswer(response: Response<string>): Promise<JsonAnswer> {
  try {
    return { json: JSON.parse(response.body) };
  } catch {
    return { page: await namePage(response.body) };
  }
}

async function namePage(html: string): Promise<string> {
  if (!html.trim()) return 'an empty answer';
  // loaded only here: no ordinary sign-in reads HTML
  const { load } = await import('cheerio');
  const title = load(html)('title').first().text().replace(/\s+/g, ' ').trim();
  return title ? `a page titled "${title.slice(0, 80)}"` : 'a page without a title';
}
