import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { SlackFake } from './server.js';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  /** From sending the envelope to receiving its ack, in ms. */
  ms: number;
}

/**
 * Slack's Socket Mode side: apps.connections.open (on the fake Web API) hands out this WebSocket
 * server's URL; it greets with `hello`, sends envelopes, and collects the app's acks.
 */
export interface SocketModeFake {
  url: string;
  /** Resolves once an app is connected and greeted. */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends one envelope (`slash_commands`, `interactive`) and resolves with its ack. */
  send(
    type: 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    timeoutMs?: number,
  ): Promise<SocketAck>;
  close(): Promise<void>;
}

export async function startSocketModeFake(fake: SlackFake): Promise<SocketModeFake> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  fake.setAnswer('apps.connections.open', { body: { ok: true, url } });
  let socket: WebSocket | undefined;
  const waiting = new Map<string, { started: number; resolve: (ack: SocketAck) => void }>();
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      const w = msg.envelope_id ? waiting.get(msg.envelope_id) : undefined;
      if (!w || !msg.envelope_id) return;
      waiting.delete(msg.envelope_id);
      w.resolve({
        envelope_id: msg.envelope_id,
        ...(msg.payload ? { payload: msg.payload } : {}),
        ms: performance.now() - w.started,
      });
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0TESTAPP1' },
      }),
    );
  });
  const within = <T>(p: Promise<T>, ms: number, what: string) =>
    Promise.race([
      p,
      new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`socket fake: ${what} timed out`)), ms).unref()),
    ]);
  return {
    url,
    connected: (timeoutMs = 10_000) =>
      within(
        (async () => {
          while (!socket) await new Promise((r) => setTimeout(r, 20));
          // Give the client a moment to read the hello.
          await new Promise((r) => setTimeout(r, 50));
        })(),
        timeoutMs,
        'connection',
      ),
    send(type, payload, timeoutMs = 10_000) {
      if (!socket) return Promise.reject(new Error('socket fake: no app connected'));
      const envelope_id = randomBytes(8).toString('hex');
      const acked = new Promise<SocketAck>((resolve) =>
        waiting.set(envelope_id, { started: performance.now(), resolve }),
      );
      socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type === 'slash_commands' }));
      return within(acked, timeoutMs, 'ack');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
