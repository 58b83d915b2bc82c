// A loopback HTTP proxy in front of the emulator that can answer some requests itself: how the
// tests make the portal refuse every session, or redirect the sign-in to a foreign host.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Returns true when it answered the request itself. */
export type Override = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

export async function startProxy(target: string, override: Override, host = '127.0.0.1'): Promise<Proxy> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    if (override(req, res)) return;
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
