// What `awssso approve` recognises in an argument and in `aws sso login` output: the lines below
// are what AWS CLI v2 prints (2.9.19's device flow, the 2026 device page, 2.22+'s PKCE URL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findApprovalTarget, parseApprovalArgument } from '../../src/auth/approval-target.js';

const AUTHORIZE = 'https://oidc.eu-west-1.amazonaws.com/authorize?response_type=code&client_id=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A41523%2Foauth%2Fcallback&state=s&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=xyz';

test('arguments: a code in any case, a URL with user_code= (query or portal fragment), an /authorize URL', () => {
  assert.deepEqual(parseApprovalArgument(' bcdf-ghjk '), { kind: 'device', userCode: 'BCDF-GHJK' });
  assert.deepEqual(parseApprovalArgument('https://d-0123456789.awsapps.com/start/#/device?user_code=BCDF-GHJK'), { kind: 'device', userCode: 'BCDF-GHJK' });
  assert.deepEqual(parseApprovalArgument('https://device.sso.us-east-1.amazonaws.com/?user_code=BCDF-GHJK'), { kind: 'device', userCode: 'BCDF-GHJK' });
  assert.deepEqual(parseApprovalArgument(AUTHORIZE), { kind: 'pkce', authorizeUrl: AUTHORIZE });
  for (const bad of ['BCDFGHJK', 'hello', 'https://us-east-1.signin.aws/platform/authorize?request_uri=urn%3Ax', 'https://example.com/authorize?client_id=x']) {
    assert.equal(parseApprovalArgument(bad), undefined, bad);
  }
});

test('AWS CLI 2.9.19 device-flow output: the code on its own line after "Then enter the code:"', () => {
  const lines = [
    'Attempting to automatically open the SSO authorization page in your default browser.',
    'If the browser does not open or you wish to use a different device to authorize this request, open the following URL:',
    '',
    'https://d-0123456789.awsapps.com/start/#/device',
    '',
    'Then enter the code:',
    '',
    'BCDF-GHJK',
  ];
  assert.deepEqual(lines.map(findApprovalTarget).filter(Boolean), [{ kind: 'device', userCode: 'BCDF-GHJK' }]);
});

test('2026 output: the request_uri device page names no code; "Then enter the code: XXXX-XXXX" does', () => {
  assert.equal(findApprovalTarget('https://us-east-1.signin.aws/platform/authorize?request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc'), undefined);
  assert.deepEqual(findApprovalTarget('Then enter the code: BCDF-GHJK'), { kind: 'device', userCode: 'BCDF-GHJK' });
});

test('the autofill URL and the PKCE URL are found inside longer lines; other codes-like text is not', () => {
  assert.deepEqual(findApprovalTarget('Alternatively, you may visit https://x.awsapps.com/start/#/device?user_code=BCDF-GHJK to autofill'),
    { kind: 'device', userCode: 'BCDF-GHJK' });
  assert.deepEqual(findApprovalTarget(`  ${AUTHORIZE}`), { kind: 'pkce', authorizeUrl: AUTHORIZE });
  assert.equal(findApprovalTarget('Build ABCD-1234 finished'), undefined);
  assert.equal(findApprovalTarget('Successfully logged into Start URL: https://d-0123456789.awsapps.com/start'), undefined);
});
