import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** One Web API method call the fake received, token and params as sent. */
export interface SlackCall {
  method: string;
  token?: string;
  params: Record<string, unknown>;
  at: number;
}

/** One POST to a response_url. */
export interface ResponsePost {
  /** The response_url's id (the part after /response/). */
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface UploadedFile {
  fileId: string;
  filename: string;
  bytes: number;
  /** The raw upload body (multipart), to search for content. */
  raw: Buffer;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/**
 * A local Slack: the Web API methods the adapter, the alert sink and `doctor` use (auth.test,
 * apps.connections.open, conversations.open, files.getUploadURLExternal + upload URL + files.completeUploadExternal,
 * chat.postMessage), and response_url endpoints. Everything it gets is recorded for assertions.
 * Unknown methods answer `unknown_method`, as Slack does, and are recorded too.
 */
export interface SlackFake {
  /** `http://127.0.0.1:PORT/api/`: SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  calls: SlackCall[];
  responses: ResponsePost[];
  uploads: UploadedFile[];
  /** A fresh response_url on this fake. */
  responseUrl(): string;
  /** The next call of `method` gets this answer instead of the normal one. */
  failNext(method: string, answer: FakeAnswer): void;
  /** Every later call of `method` gets this answer (e.g. apps.connections.open's URL). */
  setAnswer(method: string, answer: FakeAnswer): void;
  /** Adds latency to every Web API answer. */
  setLatency(ms: number): void;
  /** Resolves once `check` returns something truthy; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export const fakeBot = {
  userId: 'UBOT0000001',
  user: 'resellerops',
  botId: 'BBOT0000001',
  teamId: 'T0000TEST',
  team: 'resellerops-test',
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseParams(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) return JSON.parse(raw.toString('utf8') || '{}');
  if (type.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(parseQuery(raw.toString('utf8')))) {
      const s = Array.isArray(v) ? v[0] : v;
      // Objects and arrays arrive JSON-encoded (the Web API client's convention).
      out[k] = s && /^[[{]/.test(s) ? safeJson(s) : s;
    }
    return out;
  }
  return { raw: raw.toString('latin1') };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export async function startSlackFake(): Promise<SlackFake> {
  const calls: SlackCall[] = [];
  const responses: ResponsePost[] = [];
  const uploads: UploadedFile[] = [];
  const pendingUploads = new Map<string, string>();
  const failures = new Map<string, FakeAnswer[]>();
  const fixed = new Map<string, FakeAnswer>();
  let latency = 0;
  let base = '';

  const send = (res: ServerResponse, answer: FakeAnswer) => {
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? { ok: true }));
  };

  function answerFor(call: SlackCall): FakeAnswer {
    const p = call.params;
    switch (call.method) {
      case 'auth.test':
        return {
          body: {
            ok: true,
            user_id: fakeBot.userId,
            user: fakeBot.user,
            bot_id: fakeBot.botId,
            team_id: fakeBot.teamId,
            team: fakeBot.team,
          },
        };
      case 'apps.connections.open':
        // Only an app-level token may open a connection; startSocketModeFake answers with its own URL.
        return call.token?.startsWith('xapp-')
          ? { body: { ok: true, url: 'ws://127.0.0.1:9/link' } }
          : { body: { ok: false, error: 'not_allowed_token_type' } };
      case 'conversations.open': {
        const user = String(p.users ?? '').split(',')[0] ?? '';
        return { body: { ok: true, channel: { id: `D${user.slice(1)}` } } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${randomBytes(5).toString('hex').toUpperCase()}`;
        pendingUploads.set(fileId, String(p.filename ?? ''));
        return { body: { ok: true, upload_url: `${base}upload/${fileId}`, file_id: fileId } };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(p.files) ? p.files : []) as Array<{ id: string; title?: string }>;
        return { body: { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) } };
      }
      case 'chat.postMessage':
        return { body: { ok: true, channel: p.channel, ts: `${Math.floor(Date.now() / 1000)}.${calls.length}` } };
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  }

  const server = createServer(async (req, res) => {
    try {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', base);
      if (url.pathname.startsWith('/response/')) {
        responses.push({
          id: url.pathname.slice('/response/'.length),
          body: JSON.parse(raw.toString('utf8')),
          at: Date.now(),
        });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (url.pathname.startsWith('/upload/')) {
        const fileId = url.pathname.slice('/upload/'.length);
        uploads.push({ fileId, filename: pendingUploads.get(fileId) ?? '', bytes: raw.length, raw });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('OK');
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice('/api/'.length);
        const auth = String(req.headers.authorization ?? '');
        const call: SlackCall = {
          method,
          ...(auth.startsWith('Bearer ') ? { token: auth.slice(7) } : {}),
          params: parseParams(req, raw),
          at: Date.now(),
        };
        calls.push(call);
        if (latency > 0) await new Promise((r) => setTimeout(r, latency));
        const queued = failures.get(method);
        const failure = queued?.shift();
        send(res, failure ?? fixed.get(method) ?? answerFor(call));
        return;
      }
      res.writeHead(404);
      res.end();
    } catch {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    apiUrl: `${base}api/`,
    calls,
    responses,
    uploads,
    responseUrl: () => `${base}response/${randomBytes(6).toString('hex')}`,
    failNext(method, answer) {
      failures.set(method, [...(failures.get(method) ?? []), answer]);
    },
    setAnswer(method, answer) {
      fixed.set(method, answer);
    },
    setLatency(ms) {
      latency = ms;
    },
    async waitFor(check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = check();
        if (found) return found;
        if (Date.now() > deadline) throw new Error('slack fake: timed out waiting');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
