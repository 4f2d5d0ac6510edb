import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A 127.0.0.1 server that streams answers piece by piece, writing the next piece only when the
 * client has taken the last one (backpressure), so a huge answer is never held whole, and how much
 * of it went out tells how much the client read.
 */

export interface Served {
  /** Bytes handed to the socket before it closed or the answer ended. */
  written: number;
  /** True when the whole answer went out; false when the client closed the connection first. */
  complete: boolean;
}

export interface Answer {
  headers?: Record<string, string>;
  pieces: Iterable<string | Buffer>;
}

export interface StreamingServer {
  readonly url: string;
  /** One per request, settled when its connection closes or its answer ends. */
  readonly served: Promise<Served>[];
  close(): Promise<void>;
}

/** `total` bytes of filler in 64 KiB pieces. */
export function* filler(total: number): Generator<Buffer> {
  const piece = Buffer.alloc(64 * 1024, 'a');
  for (let sent = 0; sent < total; sent += piece.length) yield piece.subarray(0, Math.min(piece.length, total - sent));
}

export async function startStreamingServer(answer: (req: IncomingMessage) => Answer): Promise<StreamingServer> {
  const served: Promise<Served>[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const { headers, pieces } = answer(req);
    const source = pieces[Symbol.iterator]();
    let written = 0;
    served.push(new Promise((resolve) => res.on('close', () => resolve({ written, complete: res.writableFinished }))));
    const pump = () => {
      for (;;) {
        const next = source.next();
        if (next.done) {
          res.end();
          return;
        }
        written += Buffer.byteLength(next.value);
        if (!res.write(next.value)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      pump();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
