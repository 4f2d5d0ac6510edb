import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The shared machinery of the vendor simulators: a real HTTP server on 127.0.0.1, a small router,
 * a log of what was received, and faults that tests switch on per route.
 */

export interface SimRequest {
  method: string;
  /** The raw path as received (still percent-encoded), without the query. */
  rawPath: string;
  /** Decoded path parameters from the route pattern. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** JSON or form body, parsed; undefined when empty. */
  body: unknown;
  rawBody: string;
}

export interface SimResponse {
  status?: number;
  body?: unknown;
  /** Sent as is instead of JSON-encoding `body`. */
  text?: string;
  headers?: Record<string, string>;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export type FaultKind =
  /** Wait `ms`, then answer normally. */
  | 'latency'
  /** Answer `status` (default 500) without running the handler. */
  | 'status'
  /** Answer 429 with `Retry-After: retryAfterS` without running the handler. */
  | 'rate_limit'
  /** Run the handler, then send a body that is not what the vendor documents. */
  | 'malformed'
  /** Never answer. */
  | 'hang'
  /** Wait until `until` settles, then run the handler (the change happens) and answer: a change that lands late. */
  | 'hold'
  /** Run the handler (the change happens), then drop the connection without answering. */
  | 'drop_after_apply'
  /** Drop the connection before doing anything. */
  | 'drop';

export interface Fault {
  /** `METHOD /pattern` as registered (e.g. `POST /customer/add_balance`), or `*` for every route. */
  route: string;
  kind: FaultKind;
  ms?: number;
  status?: number;
  retryAfterS?: number;
  /** The malformed body to send; default is truncated JSON. */
  text?: string;
  /** For `hold`: the test's signal to let the request through. */
  until?: Promise<unknown>;
  /** How many requests it applies to; unlimited when absent. */
  times?: number;
  /** Called as each request it applies to arrives, before it acts: the test's sign that the request got here. */
  arrived?: () => void;
}

export interface ReceivedRequest {
  method: string;
  route: string | null;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingMessage['headers'];
}

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: SimHandler;
}

export interface SimServer {
  readonly url: string;
  /** Every request received, oldest first. */
  readonly received: ReceivedRequest[];
  route(method: string, pattern: string, handler: SimHandler): void;
  fault(fault: Fault): void;
  clearFaults(): void;
  /** Extra delay on every answer, for benchmarks that model a slow vendor. */
  setLatency(ms: number): void;
  listen(): Promise<string>;
  close(): Promise<void>;
}

function compile(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((part) =>
      part.replace(/:([A-Za-z_]+)|[.*+?^${}()|[\]\\]/g, (match, name: string | undefined) => {
        if (!name) return `\\${match}`;
        names.push(name);
        return '([^/]+)';
      }),
    )
    .join('/');
  return { regex: new RegExp(`^${source}$`), names };
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createSimServer(options: { notFound?: SimHandler } = {}): SimServer {
  const routes: Route[] = [];
  const faults: Fault[] = [];
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let latencyMs = 0;
  let url = '';

  const takeFault = (key: string): Fault | undefined => {
    const index = faults.findIndex((f) => f.route === key || f.route === '*');
    if (index < 0) return undefined;
    const fault = faults[index] as Fault;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) faults.splice(index, 1);
    }
    return fault;
  };

  const send = (res: ServerResponse, out: SimResponse) => {
    const text = out.text ?? (out.body === undefined ? '' : JSON.stringify(out.body));
    const headers: Record<string, string> = { ...out.headers };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    res.writeHead(out.status ?? 200, headers);
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const parsedUrl = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    const rawPath = parsedUrl.pathname;
    let matched: { route: Route; params: Record<string, string> } | undefined;
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(rawPath);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      matched = { route, params };
      break;
    }
    const body = parseBody(rawBody, req.headers['content-type']);
    const key = matched ? `${method} ${matched.route.pattern}` : null;
    received.push({
      method,
      route: key,
      path: rawPath,
      query: Object.fromEntries(parsedUrl.searchParams),
      body,
      headers: req.headers,
    });
    const simReq: SimRequest = {
      method,
      rawPath,
      params: matched?.params ?? {},
      query: parsedUrl.searchParams,
      headers: req.headers,
      body,
      rawBody,
    };
    const handler =
      matched?.route.handler ?? options.notFound ?? (() => ({ status: 404, body: { message: 'Not Found' } }));
    const fault = key ? takeFault(key) : takeFault('*');
    fault?.arrived?.();
    if (latencyMs > 0) await sleep(latencyMs);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      send(res, { status: fault.status ?? 500, body: { message: 'Simulated failure' } });
      return;
    }
    if (fault?.kind === 'rate_limit') {
      send(res, {
        status: 429,
        body: { message: 'Too Many Requests' },
        headers: { 'retry-after': String(fault.retryAfterS ?? 1) },
      });
      return;
    }
    if (fault?.kind === 'latency') await sleep(fault.ms ?? 1000);
    if (fault?.kind === 'hold') await fault.until;
    const out = await handler(simReq);
    if (fault?.kind === 'drop_after_apply') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'malformed') {
      send(res, { status: out.status ?? 200, text: fault.text ?? '{"truncated": ' });
      return;
    }
    send(res, out);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: `Simulator error: ${String(error)}` } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    get url() {
      return url;
    },
    received,
    route(method, pattern, handler) {
      routes.push({ method, pattern, handler, ...compile(pattern) });
    },
    fault(fault) {
      faults.push({ ...fault });
    },
    clearFaults() {
      faults.length = 0;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          const { port } = server.address() as AddressInfo;
          url = `http://127.0.0.1:${port}`;
          resolve(url);
        });
      });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
