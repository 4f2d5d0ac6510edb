import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A front on 127.0.0.1 for a vendor simulator: it records every request, answers the ones its rule
 * picks with a redirect, and forwards the rest to the simulator. Requests under `/moved` are
 * forwarded with that prefix taken off, so a redirect there leads back to the simulator.
 */

export interface SeenRequest {
  method: string;
  /** As received, still percent-encoded, query included. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type RedirectRule = (request: {
  method: string;
  url: string;
}) => { status: number; location: string } | undefined;

export interface Front {
  /** The front's origin, e.g. `http://127.0.0.1:4711`. */
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Replaces the rule; `undefined` forwards everything. */
  redirect(rule: RedirectRule | undefined): void;
  close(): Promise<void>;
}

export const movedPrefix = '/moved';

export async function startFront(upstream: string): Promise<Front> {
  const target = new URL(upstream);
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let rule: RedirectRule | undefined;

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    seen.push({ method, url, headers: req.headers, body: body.toString('utf8') });
    const moved = url.startsWith(`${movedPrefix}/`);
    const redirect = moved ? undefined : rule?.({ method, url });
    if (redirect) {
      res.writeHead(redirect.status, { location: redirect.location, 'content-type': 'text/plain' });
      res.end('moved');
      return;
    }
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: moved ? url.slice(movedPrefix.length) : url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    forwarded.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    seen,
    redirect(next) {
      rule = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Where a request carried `key`: `header <name>`, `path`, `query` or `body`. */
export function keyPlaces(request: SeenRequest, key: string): string[] {
  const places: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (String(value).includes(key)) places.push(`header ${name}`);
  }
  const parsed = new URL(request.url, 'http://front');
  if (decodeURIComponent(parsed.pathname).includes(key)) places.push('path');
  if ([...parsed.searchParams.values()].some((v) => v.includes(key))) places.push('query');
  if (request.body.includes(key) || request.body.includes(encodeURIComponent(key))) places.push('body');
  return places;
}
