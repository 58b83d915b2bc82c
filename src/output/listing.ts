// `awssso ls` output: one row per account (or per role with --roles), as an aligned table for a
// terminal, JSON or CSV. Pure: rows in, text out.
import { printable } from './printable.js';

export interface ListingRow {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roleName?: string;
}

/** One row per account, or per role of each account when the roles were listed. */
export function listingRows(assignments: readonly (ListingRow & { roles?: string[] })[]): ListingRow[] {
  return assignments.flatMap(({ accountId, accountName, emailAddress, roles }): ListingRow[] =>
    roles ? roles.map((roleName) => ({ accountId, accountName, roleName })) : [{ accountId, accountName, ...(emailAddress ? { emailAddress } : {}) }]);
}

export type ListingFormat = 'table' | 'json' | 'csv';

/** Case-insensitive substring of the account id, account name or role name; no filter keeps all. */
export function filterRows(rows: ListingRow[], filter: string | undefined): ListingRow[] {
  if (!filter) return rows;
  const needle = filter.toLowerCase();
  return rows.filter((row) => [row.accountId, row.accountName, row.roleName].some((field) => field?.toLowerCase().includes(needle)));
}


function columns(rows: ListingRow[]): (keyof ListingRow)[] {
  return rows.some((row) => row.roleName !== undefined) ? ['accountId', 'accountName', 'roleName'] : ['accountId', 'accountName', 'emailAddress'];
}

const HEADINGS: Record<keyof ListingRow, string> = { accountId: 'ACCOUNT', accountName: 'NAME', emailAddress: 'E-MAIL', roleName: 'ROLE' };
const CSV_HEADINGS: Record<keyof ListingRow, string> = { accountId: 'account_id', accountName: 'account_name', emailAddress: 'email', roleName: 'role_name' };

function table(rows: ListingRow[]): string {
  const keys = columns(rows);
  const cells = [keys.map((k) => HEADINGS[k]), ...rows.map((row) => keys.map((k) => printable(row[k] ?? '')))];
  const widths = keys.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells.map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd() + '\n').join('');
}

/** RFC 4180; a cell a spreadsheet would run as a formula is prefixed with a quote. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csv(rows: ListingRow[]): string {
  const keys = columns(rows);
  return [keys.map((k) => CSV_HEADINGS[k]), ...rows.map((row) => keys.map((k) => csvCell(row[k] ?? '')))]
    .map((line) => `${line.join(',')}\r\n`).join('');
}

export function formatListing(rows: ListingRow[], format: ListingFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') return csv(rows);
  return rows.length ? table(rows) : '';
}
