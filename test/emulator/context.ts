// The types every route module shares: the running emulator and one request's context.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedScenario } from './scenario.js';
import type { EmulatorState } from './state.js';

export interface Emulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/start' */
  startUrl: string;
  scenario: ResolvedScenario;
  state: EmulatorState;
  /** moto_server URL: role credentials come from its AssumeRole when set. */
  stsEndpoint?: string;
}

/** What the request log records about a request besides method, path and status. */
export interface LogNote {
  op: string;
  step?: string;
  user?: string;
  session?: string;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  emu: Emulator;
  /** Values of `{name}` segments of the route's path. */
  params: Record<string, string>;
  note: LogNote;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Exact path; a `{name}` segment matches one non-empty segment. */
  path: string;
  /** The RequestLogEntry op; a function when the query decides it. */
  op: string | ((url: URL) => string);
  handle(ctx: Ctx): Promise<void> | void;
}
