// `status` for a person: a few lines per profile. Pure.
import { printable } from './printable.js';

export interface ProfileStatus {
  profile: string;
  url: string;
  region: string;
  username: string;
  accountId?: string;
  roleName?: string;
  session: {
    /** a valid session is stored */
    stored: boolean;
    /** ISO 8601 */
    expiresAt?: string;
    /** whoAmI answered for it */
    checked: boolean;
    /** the user whoAmI names */
    user?: string;
    /** why it could not be checked */
    error?: string;
  };
  roleCredentials?: { cached: boolean; expiresAt?: string };
  secretStore: 'keyring' | 'file';
}

const when = (iso: string) => new Date(iso).toLocaleString();

export function formatStatus(statuses: ProfileStatus[]): string {
  return statuses.map((s) => {
    const { session } = s;
    const sessionLine = !session.stored ? 'no valid portal session stored (the next login signs in)'
      : session.checked ? `signed in as ${printable(session.user ?? s.username)} until ${when(session.expiresAt!)}`
        : `a session is stored until ${when(session.expiresAt!)}; it could not be checked: ${session.error}`;
    const role = s.accountId && s.roleName
      ? `${s.roleName} in ${s.accountId}: ${s.roleCredentials?.cached ? `credentials cached until ${when(s.roleCredentials.expiresAt!)}` : 'no credentials cached'}`
      : 'no account and role configured';
    return [
      `${s.profile}: ${s.username} at ${s.url} (${s.region})`,
      `  session: ${sessionLine}`,
      `  role:    ${role}`,
      `  secrets: ${s.secretStore === 'keyring' ? 'the OS keyring' : 'the encrypted file'}`,
    ].join('\n') + '\n';
  }).join('');
}
