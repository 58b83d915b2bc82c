// A loopback stand-in for the 2019-2021 sign-in pages (docs/protocol.md §10: #wdc_username,
// #wdc_password, #wdc_login_button, #mfa_form with #wdc_mfacode and #wdc_mfacheckbox, errors
// in #alertFrame), which the emulator does not serve: plain HTML forms, server-side state.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_USER, totpNow } from './kit.js';

export interface LegacyPortal {
  url: string;
  startUrl: string;
  region: string;
  /** how often the MFA form was shown */
  mfaShown: number;
  close(): Promise<void>;
}

const page = (body: string) => `<!doctype html><html><head><title>AWS Single Sign-On</title></head><body>${body}</body></html>`;

function loginPage(alert?: string): string {
  return page(`<div id="alertFrame" ${alert ? '' : 'style="display:none"'}>${alert ?? ''}</div>
<form id="login_form" method="post" action="/login"><input id="wdc_username" name="username">
<input id="wdc_password" name="password" type="password">
<button id="wdc_login_button" type="button" onclick="this.form.submit()">Sign in</button></form>`);
}

const mfaPage = (alert?: string) => page(`<div id="alertFrame" ${alert ? '' : 'style="display:none"'}>${alert ?? ''}</div>
<form id="mfa_form" method="post" action="/mfa"><input id="wdc_mfacode" name="code">
<input id="wdc_mfacheckbox" name="trust" type="checkbox" value="yes"><label for="wdc_mfacheckbox">Trust this device</label>
<button id="wdc_login_button" type="submit">Sign in</button></form>`);

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

function cookies(req: IncomingMessage): Map<string, string> {
  return new Map((req.headers.cookie ?? '').split(/;\s*/).filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return [pair.slice(0, eq), pair.slice(eq + 1)] as [string, string];
  }));
}

export async function startLegacyPortal(): Promise<LegacyPortal> {
  const sessions = new Set<string>();
  const trusted = new Set<string>();
  /** sign-ins that passed the password and wait for their code */
  const pending = new Set<string>();
  const portal = { mfaShown: 0 } as LegacyPortal;

  const signedIn = (res: ServerResponse, extra: string[] = []) => {
    const token = randomBytes(24).toString('hex');
    sessions.add(token);
    res.writeHead(302, { Location: '/start', 'Set-Cookie': [...extra, `x-amz-sso_authn=${token}; Path=/`] }).end();
  };
  const html = (res: ServerResponse, body: string) => res.writeHead(200, { 'content-type': 'text/html' }).end(body);

  const server = createServer((req, res) => void (async () => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const jar = cookies(req);
    if (path === '/start') {
      if (sessions.has(jar.get('x-amz-sso_authn') ?? '')) return html(res, page('<h1>AWS accounts</h1>'));
      return res.writeHead(302, { Location: '/login' }).end();
    }
    if (path === '/token/whoAmI') {
      const ok = sessions.has(String(req.headers['x-amz-sso_bearer_token']));
      return res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
        .end(JSON.stringify(ok ? { userIdentifier: DEMO_USER.username } : { message: 'Session token not found or invalid' }));
    }
    if (path === '/login' && req.method === 'GET') return html(res, loginPage());
    if (path === '/login') {
      const sent = await form(req);
      if (sent.get('username') !== DEMO_USER.username || sent.get('password') !== DEMO_USER.password) {
        return html(res, loginPage('Your authentication information is incorrect. Please try again.'));
      }
      if (trusted.has(jar.get('trusted') ?? '')) return signedIn(res);
      portal.mfaShown++;
      const id = randomBytes(16).toString('hex');
      pending.add(id);
      return res.writeHead(200, { 'content-type': 'text/html', 'Set-Cookie': `pending=${id}; Path=/` }).end(mfaPage());
    }
    if (path === '/mfa' && pending.has(jar.get('pending') ?? '')) {
      const sent = await form(req);
      if (sent.get('code') !== await totpNow(DEMO_USER.totpSeed)) return html(res, mfaPage('The code is incorrect.'));
      pending.delete(jar.get('pending')!);
      const device = randomBytes(16).toString('hex');
      if (sent.get('trust') === 'yes') trusted.add(device);
      return signedIn(res, sent.get('trust') === 'yes' ? [`trusted=${device}; Path=/; Max-Age=86400; HttpOnly`] : []);
    }
    res.writeHead(404).end();
  })());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  portal.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  portal.startUrl = `${portal.url}/start`;
  portal.region = 'us-east-1';
  portal.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return portal;
}
