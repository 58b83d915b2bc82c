// Who is signed in where: a user of a start URL. Secrets, the cookie jar, the session lock and the
// caches of one user are all keyed by this identity, spelled here and nowhere else.
import { createHash } from 'node:crypto';

export interface UserIdentity {
  username: string;
  /** canonical (canonicalStartUrl): one spelling of a start URL keys one identity */
  startUrl: string;
}

/** `<username>@<startUrl>`: how secrets name their user (unchanged since the first release). */
export const identityLabel = ({ username, startUrl }: UserIdentity) => `${username}@${startUrl}`;

/** A file-name-safe id, unambiguous whatever the names contain (the cookie jar's name since the first release). */
export const identityFileId = ({ username, startUrl }: UserIdentity) =>
  createHash('sha1').update(JSON.stringify([username, startUrl])).digest('hex');
