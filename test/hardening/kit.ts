// Shared by the hardening tests (issue 14): an emulator with the demo user configured as profile
// `dev`, and a fault-injecting proxy in front of it on 127.0.0.1 that answers the routes a test
// names (stalled bodies, silence, throttling, repeated page tokens, huge or hostile answers) and
// passes everything else to the emulator.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { startProxy, type Proxy } from '../helpers/proxy.js';

export const ACCOUNT = '111122223333';
export const ROLE = ['--account-id', ACCOUNT, '--role-name', 'ReadOnlyAccess'];

export interface Kit {
  emu: RunningEmulator;
  sb: Sandbox;
  close(): Promise<void>;
}

/** An emulator, a sandbox HOME, and profile `dev` configured (signed in, session stored). */
export async function configuredKit(): Promise<Kit> {
  const emu = await startEmulator();
  const sb = await sandbox(emu);
  const ok = await sb.configure('dev', ROLE);
  assert.equal(ok.code, 0, ok.stderr);
  return { emu, sb, close: async () => { await sb.remove(); await emu.close(); } };
}

/** Answers for some routes: the path (before `?`) to a handler; the rest goes to the emulator. */
export type Faults = Record<string, (req: IncomingMessage, res: ServerResponse) => void>;

export async function faultProxy(emu: RunningEmulator, faults: Faults): Promise<Proxy> {
  return startProxy(emu.url, (req, res) => {
    const handler = faults[(req.url ?? '').split('?')[0]!];
    if (!handler) return false;
    handler(req, res);
    return true;
  });
}

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** The lines awssso printed, without the one-time note about where secrets are kept. */
export const lines = (stderr: string) => stderr.split('\n').filter((l) => l && !/no OS keyring answered/.test(l));

/** C0 and C1 control characters other than the newline that ends each line. */
export const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Credentials as the portal gives them, one hour from now, epoch milliseconds. */
export const goodCredentials = () => ({
  roleCredentials: {
    accessKeyId: 'ASIAHARDENINGTEST001',
    secretAccessKey: 'c2VjcmV0LWtleS1mb3ItaGFyZGVuaW5nLXRlc3Rz',
    sessionToken: 'dG9rZW4tZm9yLWhhcmRlbmluZy10ZXN0cw==',
    expiration: Date.now() + 3600_000,
  },
});
