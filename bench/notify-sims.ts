import { providerIds } from '../src/providers/registry.js';
import { startSandbox } from '../src/sandbox/index.js';

/**
 * The five simulators in a process of their own, for bench/notify.ts: real vendors do not share the
 * bot's CPU or memory, so neither should the simulators when the bot's sweep time and RSS are measured.
 * Messages: {extraCustomers, latencyMs} → {env}; 'counts' → {counts}; {type: 'requests', since} →
 * {requests}: per provider, its origin and what it received after `since[id]` requests, as
 * bench/sweep-replay.js sends it again; 'close'.
 */
type Message =
  | { type: 'start'; extraCustomers: number; latencyMs: number }
  | { type: 'counts' }
  | { type: 'requests'; since: Record<string, number> }
  | { type: 'close' };

/** The headers a client chooses (the key among them), not those of the connection. */
const ownHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers).filter(
      ([name, value]) => typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name),
    ),
  );

/** The body as it was sent: the simulators keep it parsed (JSON or a form). */
function bodyText(body: unknown, contentType: string | undefined): string | undefined {
  if (body === undefined || typeof body === 'string') return body;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return String(new URLSearchParams(body as Record<string, string>));
  }
  return JSON.stringify(body);
}

let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;

process.on('message', async (message: Message) => {
  if (message.type === 'start') {
    sandbox = await startSandbox({ extraCustomers: message.extraCustomers });
    for (const id of providerIds) sandbox.simulators[id].server.setLatency(message.latencyMs);
    process.send?.({ type: 'started', env: sandbox.env });
  } else if (message.type === 'counts') {
    const counts = Object.fromEntries(
      providerIds.map((id) => [id, sandbox?.simulators[id].server.received.length ?? 0]),
    );
    process.send?.({ type: 'counts', counts });
  } else if (message.type === 'requests') {
    const requests = Object.fromEntries(
      providerIds.map((id) => {
        const server = sandbox?.simulators[id].server;
        const received = (server?.received ?? []).slice(message.since[id] ?? 0).map((r) => ({
          method: r.method,
          path: `${r.path}${Object.keys(r.query).length > 0 ? `?${new URLSearchParams(r.query)}` : ''}`,
          headers: ownHeaders(r.headers),
          body: bodyText(r.body, r.headers['content-type']),
        }));
        return [id, { origin: server?.url ?? '', requests: received }];
      }),
    );
    process.send?.({ type: 'requests', requests });
  } else {
    await sandbox?.close();
    process.exit(0);
  }
});
