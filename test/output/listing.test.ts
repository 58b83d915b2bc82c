// ls output from rows: what a terminal, a spreadsheet and a script each receive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterRows, formatListing, listingRows } from '../../src/output/listing.js';

const rows = listingRows([
  { accountId: '111122223333', accountName: 'Dev\u001b[2J', roles: ['ReadOnly'] },
  { accountId: '444455556666', accountName: '=HYPERLINK("x"),"evil"', roles: ['Admin', 'ReadOnly'] },
]);

test('a name with a control character cannot move the terminal\'s cursor; columns stay aligned', () => {
  assert.equal(formatListing(rows, 'table'), [
    'ACCOUNT       NAME                    ROLE',
    '111122223333  Dev?[2J                 ReadOnly',
    '444455556666  =HYPERLINK("x"),"evil"  Admin',
    '444455556666  =HYPERLINK("x"),"evil"  ReadOnly',
    '',
  ].join('\n'));
});

test('CSV quotes what needs quoting and keeps a spreadsheet from running a name as a formula', () => {
  assert.equal(formatListing(filterRows(rows, 'admin'), 'csv'),
    'account_id,account_name,role_name\r\n444455556666,"\'=HYPERLINK(""x""),""evil""",Admin\r\n');
});

test('JSON keeps the names as the service gave them', () => {
  assert.equal((JSON.parse(formatListing(rows, 'json')) as { accountName: string }[])[0]!.accountName, 'Dev\u001b[2J');
  assert.equal(formatListing([], 'table'), '');
});
