// `awssso approve` through the built CLI against the emulator: a PKCE /authorize URL approved for
// a waiting client whose loopback listener gets the code, and every way it must refuse with one
// line that says what to do, approving nothing: an expired user code, consent the directory
// denies, a wrong profile, no terminal to confirm, a sign-in that needs a person.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningEmulator } from '../emulator/server.js';
import { withConfiguredSandbox } from '../helpers/cli.js';
import { binRun } from '../helpers/paths.js';
import { freePort, type Exit } from '../helpers/processes.js';

const ACCOUNT = '111122223333';
const ROLE = 'ReadOnlyAccess';

async function postJson<T>(url: string, body: object): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

interface Client { clientId: string; clientSecret: string }

/** A waiting device login, as `aws sso login --use-device-code` starts one. */
async function pendingDeviceCode(emu: RunningEmulator): Promise<Client & { userCode: string; deviceCode: string }> {
  const { body: client } = await postJson<Client>(`${emu.url}/client/register`, { clientName: 'waiting-cli', clientType: 'public', scopes: ['sso:account:access'] });
  const { body: device } = await postJson<{ userCode: string; deviceCode: string }>(`${emu.url}/device_authorization`, { ...client, startUrl: emu.startUrl });
  return { ...client, ...device };
}

const pollToken = (emu: RunningEmulator, waiting: Client & { deviceCode: string }) =>
  postJson<{ error?: string; accessToken?: string }>(`${emu.url}/token`, {
    clientId: waiting.clientId, clientSecret: waiting.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: waiting.deviceCode,
  });

function assertOneLineError(exit: Exit, code: number, pattern: RegExp): void {
  assert.equal(exit.code, code, exit.stderr);
  const lines = exit.stderr.trim().split('\n');
  assert.equal(lines.length, 1, exit.stderr);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(exit.stderr, /\n\s+at /, 'no stack');
}

describe('awssso approve', () => {
  const s = withConfiguredSandbox({ accountId: ACCOUNT, roleName: ROLE });

  it('approves a user code given as an argument; the waiting client gets its token', async () => {
    const { emu, sb } = s;
    const waiting = await pendingDeviceCode(emu);
    assert.equal((await pollToken(emu, waiting)).body.error, 'authorization_pending');
    const exit = await sb.awssso(['approve', waiting.userCode.toLowerCase(), '--yes', '-p', 'dev']);
    assert.equal(exit.code, 0, exit.stderr);
    assert.match(exit.stderr, /asks for waiting-cli \(client [^)]+\) with scopes sso:account:access, as demo@example\.com/);
    const token = await pollToken(emu, waiting);
    assert.equal(token.status, 200);
    assert.ok(token.body.accessToken);
  });

  it('approves an /authorize URL: the waiting client\'s loopback listener gets the code, which trades for a token', async () => {
    const { emu, sb } = s;
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/oauth/callback`;
    const { body: client } = await postJson<Client>(`${emu.url}/client/register`, {
      clientName: 'pkce-cli', clientType: 'public', scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'],
    });
    const verifier = randomBytes(48).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code', client_id: client.clientId, redirect_uri: redirectUri, state: 'state-1',
      code_challenge_method: 'S256', scopes: 'sso:account:access', code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    });
    const received: URL[] = [];
    const listener = createServer((req, res) => {
      received.push(new URL(req.url ?? '/', redirectUri));
      res.end('You can close this window.');
    });
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    try {
      // AWSSSO_DEBUG logs every request: the handles of the approval in progress stay out of it
      const exit = await sb.awssso(['approve', `${emu.url}/authorize?${query}`, '--yes', '-p', 'dev'], { env: { AWSSSO_DEBUG: '1' } });
      assert.equal(exit.code, 0, exit.stderr);
      assert.match(exit.stderr, /asks for client [^ ]+ with scopes sso:account:access/);
      assert.match(exit.stderr, /GET \S+\/authorize\?authorizationResumptionContext=REDACTED/);
      assert.doesNotMatch(exit.stderr, /(orchestrator_id|authorizationResumptionContext|code)=(?!REDACTED)/);
    } finally {
      listener.close();
    }
    assert.equal(received.length, 1);
    assert.equal(received[0]!.pathname, '/oauth/callback');
    assert.equal(received[0]!.searchParams.get('state'), 'state-1');
    const token = await postJson<{ accessToken?: string }>(`${emu.url}/token`, {
      ...client, grantType: 'authorization_code', code: received[0]!.searchParams.get('code'), redirectUri, codeVerifier: verifier,
    });
    assert.equal(token.status, 200);
    assert.ok(token.body.accessToken);
  });

  it('at a terminal it asks first: Cancel approves nothing, Approve approves', async () => {
    const { emu, sb } = s;
    for (const [keys, approved] of [['\x1b[B\r', false], ['\r', true]] as const) {
      const waiting = await pendingDeviceCode(emu);
      const mark = emu.requests.length;
      // script(1) gives the command a terminal; the keys go in once the question is up
      const child = spawn('script', ['-qec', `"${process.execPath}" "${binRun}" approve ${waiting.userCode} -p dev`, '/dev/null'], { env: sb.env });
      let screen = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        const askedBefore = screen.includes('Approve?');
        screen += text;
        if (!askedBefore && screen.includes('Approve?')) setTimeout(() => child.stdin.write(keys), 300);
      });
      const code = await new Promise((resolve) => child.once('close', resolve));
      assert.match(screen, /asks for waiting-cli/);
      assert.equal(code, approved ? 0 : 1, screen);
      assert.equal(emu.requests.slice(mark).some((e) => e.op === 'AssociateToken'), approved);
      assert.equal((await pollToken(emu, waiting)).status, approved ? 200 : 400);
    }
  });

  it('refuses without a terminal and without --yes, before any request', async () => {
    const { emu, sb } = s;
    const waiting = await pendingDeviceCode(emu);
    const mark = emu.requests.length;
    assertOneLineError(await sb.awssso(['approve', waiting.userCode, '-p', 'dev']), 2, /no terminal to confirm the approval: add --yes/);
    assert.equal(emu.requests.length, mark);
  });

  it('a wrong profile, or something that is no code: one line, nothing sent', async () => {
    const { emu, sb } = s;
    const waiting = await pendingDeviceCode(emu);
    const mark = emu.requests.length;
    assertOneLineError(await sb.awssso(['approve', waiting.userCode, '--yes', '-p', 'nope']), 3, /nope/);
    assertOneLineError(await sb.awssso(['approve', 'hello', '--yes', '-p', 'dev']), 2, /not a user code/);
    assertOneLineError(await sb.awssso(['approve', 'https://us-east-1.signin.aws/platform/authorize?request_uri=urn%3Ax', '--yes', '-p', 'dev']), 2,
      /device page carries no code: approve the code printed beside it/);
    assert.equal(emu.requests.length, mark);
  });

  it('an /authorize URL of another IAM Identity Center than the profile\'s: one line naming -p', async () => {
    const { sb } = s;
    const exit = await sb.awssso(['approve', 'https://oidc.eu-west-1.amazonaws.com/authorize?response_type=code&client_id=x&code_challenge=y&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Foauth%2Fcallback', '--yes', '-p', 'dev']);
    assertOneLineError(exit, 3, /is for oidc\.eu-west-1\.amazonaws\.com, but profile dev uses 127\.0\.0\.1:\d+; use -p/);
  });

  it('--from-stdin with input that names nothing to approve: one line, exit 2', async () => {
    const { sb } = s;
    const exit = await sb.awssso(['approve', '--from-stdin', '-p', 'dev'], { input: 'Attempting to open your browser\n' });
    assert.equal(exit.stdout, 'Attempting to open your browser\n', 'the input is passed through');
    assertOneLineError(exit, 2, /input ended without a user code or an authorize URL/);
  });

  it('a stored session the portal no longer accepts: signs in again over HTTP, then approves', async () => {
    const { emu, sb } = s;
    emu.revokeSessions();
    const waiting = await pendingDeviceCode(emu);
    const mark = emu.requests.length;
    const exit = await sb.awssso(['approve', waiting.userCode, '--yes', '-p', 'dev']);
    assert.equal(exit.code, 0, exit.stderr);
    assert.deepEqual(emu.requests.slice(mark).filter((e) => ['AcceptUserCode', 'SsoToken', 'AssociateToken'].includes(e.op)).map((e) => `${e.op} ${e.status}`),
      ['AcceptUserCode 401', 'SsoToken 200', 'AcceptUserCode 200', 'AssociateToken 200']);
    assert.equal((await pollToken(emu, waiting)).status, 200);
  });

  it('a sign-in that needs a person (no stored password, no terminal): one line naming what to run; nothing approved', async () => {
    const { emu, sb } = s;
    emu.revokeSessions();
    await rm(join(sb.configDir, 'secrets.enc'), { force: true });
    const waiting = await pendingDeviceCode(emu);
    const mark = emu.requests.length;
    const exit = await sb.awssso(['approve', '--from-stdin', '-p', 'dev'], { input: `Then enter the code:\n\n${waiting.userCode}\n` });
    assertOneLineError(exit, 4, /no password is stored for demo@example\.com: run `awssso login -p dev` in a terminal/);
    assert.equal(emu.requests.slice(mark).filter((e) => e.op === 'AcceptUserCode' || e.op === 'AssociateToken').length, 0);
    assert.equal((await pollToken(emu, waiting)).body.error, 'authorization_pending');
  });
});

describe('awssso approve against a directory that denies the client, with 5-second device codes', () => {
  const s = withConfiguredSandbox({ scenario: { approval: { consent: 'deny', deviceCodeSeconds: 5 } }, accountId: ACCOUNT, roleName: ROLE });

  it('one line saying to ask the administrator; the waiting client is told access_denied', async () => {
    const { emu, sb } = s;
    const waiting = await pendingDeviceCode(emu);
    const exit = await sb.awssso(['approve', waiting.userCode, '--yes', '-p', 'dev']);
    // the consent line comes first, then the refusal
    assert.equal(exit.code, 5, exit.stderr);
    assert.match(exit.stderr, /asks for waiting-cli/);
    assert.match(exit.stderr.trim().split('\n').at(-1)!, /IAM Identity Center denied waiting-cli .* for demo@example\.com; ask your administrator/);
    assert.equal((await pollToken(emu, waiting)).body.error, 'access_denied');
  });

  it('an expired user code: one line saying to start the login again; nothing approved', async () => {
    const { emu, sb } = s;
    const waiting = await pendingDeviceCode(emu);
    await new Promise((resolve) => setTimeout(resolve, 5100));
    const mark = emu.requests.length;
    const exit = await sb.awssso(['approve', waiting.userCode, '--yes', '-p', 'dev']);
    assertOneLineError(exit, 5, /user code [A-Z]{4}-[A-Z]{4} is unknown or has expired .*start the AWS tool's login again/);
    assert.equal(emu.requests.slice(mark).filter((e) => e.op === 'AssociateToken').length, 0);
  });
});
