// The request log the emulator README describes: in memory and, optionally, one JSON line per request in a file.
import { appendFileSync } from 'node:fs';

export interface RequestLogEntry {
  time: string;
  method: string;
  /** Without the query string. */
  path: string;
  status: number;
  op: string;
  /** For SignInStep: the stepId of the request. */
  step?: string;
  /** The username the request concerned, when known. */
  user?: string;
  /** First 8 hex of sha256 of the portal session token or OIDC access token involved. */
  session?: string;
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  constructor(private readonly file?: string) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Synchronous so that lines keep request order and are on disk when a test reads the file.
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }
}
