// The loopback IAM Identity Center: one node:http server on 127.0.0.1 serving every host of
// docs/protocol.md (portal API, OIDC, sign-in, start page, federation), with a request log.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ctx, Emulator, Route } from './context.js';
import { throttled } from './errors.js';
import { sendJson } from './http.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import { demoScenario, loadScenario, parseScenario, type Scenario } from './scenario.js';
import { EmulatorState } from './state.js';
import { RateLimiter } from './throttle.js';
import { firewallRoutes } from './firewall.js';
import { approvalRoutes } from './routes/approval.js';
import { federationRoutes } from './routes/federation.js';
import { oidcRoutes } from './routes/oidc.js';
import { portalRoutes } from './routes/portal.js';
import { signinRoutes } from './routes/signin.js';
import { startPageRoutes } from './routes/start.js';

export type { RequestLogEntry } from './request-log.js';
export type { Scenario } from './scenario.js';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** A scenario object, or the path of a scenario JSON file; absent = the demo directory. */
  scenario?: Scenario | string;
  /** File to append one JSON line per request to. */
  requestLog?: string;
  /** URL of a running moto_server: role credentials then come from its STS AssumeRole. */
  stsEndpoint?: string;
}

export interface RunningEmulator {
  url: string;
  startUrl: string;
  region: string;
  directoryId: string;
  requests: RequestLogEntry[];
  /** Every portal session token (and OIDC token) becomes invalid: the API answers 401. */
  revokeSessions(): void;
  /** The codes "e-mailed" to a user so far, oldest first (also GET /emulator/mailbox?username=). */
  mailbox(username: string): string[];
  close(): Promise<void>;
}

const ROUTES = [...portalRoutes, ...signinRoutes, ...startPageRoutes, ...oidcRoutes, ...approvalRoutes, ...federationRoutes,
  ...firewallRoutes].map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const { route, pattern } of ROUTES) {
    const m = route.method === method ? pattern.exec(path) : null;
    if (m) return { route, params: { ...m.groups } };
  }
  return undefined;
}

function resolveScenario(s: Scenario | string | undefined) {
  if (s === undefined) return demoScenario();
  return typeof s === 'string' ? loadScenario(s) : parseScenario(s);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const scenario = resolveScenario(opts.scenario);
  const log = new RequestLog(opts.requestLog);
  const limiter = new RateLimiter(scenario.throttle);
  const emu: Emulator = {
    url: '',
    startUrl: '',
    scenario,
    state: new EmulatorState(scenario),
    stsEndpoint: opts.stsEndpoint?.replace(/\/+$/, ''),
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', emu.url);
    const found = findRoute(req.method ?? '', url.pathname);
    const route = found?.route;
    const op = !route ? 'Unknown' : typeof route.op === 'function' ? route.op(url) : route.op;
    const ctx: Ctx = { req, res, url, emu, params: found?.params ?? {}, note: { op } };
    const time = new Date().toISOString();
    res.on('finish', () => {
      log.add({ time, method: req.method ?? '', path: url.pathname, status: res.statusCode, ...ctx.note });
    });
    if (!route) {
      sendJson(res, 404, { message: `No route for ${req.method} ${url.pathname}` }, { 'x-amzn-ErrorType': 'UnknownOperationException' });
      return;
    }
    if (!limiter.allow(op)) {
      throttled(res);
      return;
    }
    try {
      await route.handle(ctx);
    } catch (e) {
      process.stderr.write(`emulator: ${req.method} ${url.pathname} failed: ${(e as Error).stack ?? String(e)}\n`);
      if (!res.headersSent) {
        sendJson(res, 500, { message: 'Internal server error' }, { 'x-amzn-ErrorType': 'InternalServerException' });
      } else {
        res.destroy();
      }
    }
  }

  const server = createServer((req, res) => void dispatch(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  emu.url = `http://127.0.0.1:${port}`;
  emu.startUrl = `${emu.url}/start`;

  return {
    url: emu.url,
    startUrl: emu.startUrl,
    region: scenario.region,
    directoryId: scenario.directoryId,
    requests: log.entries,
    revokeSessions: () => emu.state.revokeSessions(),
    mailbox: (username) => [...(emu.state.mailbox.get(username) ?? [])],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
