// ListAccounts / ListAccountRoles pagination: max_result 1-100, an opaque next_token.
const DEFAULT_PAGE = 20;

export type Page<T> = { items: T[]; nextToken?: string } | { error: string };

/** `listing` names what is paged, so a token from another listing is refused. */
export function paginate<T>(all: T[], listing: string, maxResult: string | null, nextToken: string | null): Page<T> {
  let size = DEFAULT_PAGE;
  if (maxResult !== null && maxResult !== '') {
    size = Number(maxResult);
    if (!Number.isInteger(size) || size < 1 || size > 100) return { error: 'max_result must be an integer from 1 to 100' };
  }
  let offset = 0;
  if (nextToken) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const t = parsed as { l?: unknown; o?: unknown } | undefined;
    if (!t || t.l !== listing || !Number.isInteger(t.o) || (t.o as number) < 0) return { error: 'Invalid next_token' };
    offset = t.o as number;
  }
  const items = all.slice(offset, offset + size);
  const next = offset + size < all.length
    ? Buffer.from(JSON.stringify({ l: listing, o: offset + size })).toString('base64url')
    : undefined;
  return { items, nextToken: next };
}
