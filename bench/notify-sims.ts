import { providerIds } from '../src/providers/registry.js';
import { startSandbox } from '../src/sandbox/index.js';

/**
 * The five simulators in a process of their own, for bench/notify.ts: real vendors do not share the
 * bot's CPU or memory, so neither should the simulators when the bot's sweep time and RSS are measured.
 * Messages: {extraCustomers, latencyMs} → {env}; 'counts' → {counts}; 'close'.
 */
type Message = { type: 'start'; extraCustomers: number; latencyMs: number } | { type: 'counts' } | { type: 'close' };

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
  } else {
    await sandbox?.close();
    process.exit(0);
  }
});
