import { type Sandbox, startSandbox } from '../src/sandbox/index.js';
import { DiscordFake, type SentInteraction } from '../test/helpers/discord-fake/server.js';

/**
 * The local Discord (and the provider simulators) for bench/discord.ts, in their own process, as
 * they would be in production: their CPU does not load the measured processes, nor theirs its
 * clock. Two Discord fakes: one for the bot, one for the bare discord.js client. Messages:
 *   { cmd: 'start' }                           → { bot: { apiUrl }, bare: { apiUrl }, token, applicationId, env }
 *   { cmd: 'latency', ms }                     → provider latency for every simulator
 *   { cmd: 'session', target }                 → once that side's client has identified on the gateway
 *   { cmd: 'burst', target, n, name, path, options, user } → { ms: number[], codes: number[] }
 *   { cmd: 'answers', target }                 → { answered: number, sent: number }
 *   { cmd: 'close' }
 * Times are from dispatching INTERACTION_CREATE on the gateway to receiving the defer callback.
 */
const fakes: Record<string, DiscordFake> = {};
let sandbox: Sandbox | undefined;
const sent: Record<string, SentInteraction[]> = { bot: [], bare: [] };

interface Burst {
  cmd: 'burst';
  target: 'bot' | 'bare';
  n: number;
  name: string;
  path: string[];
  options: { name: string; type: number; value: string }[];
  user: { id: string; username: string };
}

type Message =
  | { cmd: 'start' }
  | { cmd: 'latency'; ms: number }
  | { cmd: 'session'; target: 'bot' | 'bare' }
  | Burst
  | { cmd: 'answers'; target: 'bot' | 'bare' }
  | { cmd: 'close' };

process.on('message', async (m: Message) => {
  if (m.cmd === 'start') {
    fakes.bot = await DiscordFake.start();
    fakes.bare = await DiscordFake.start();
    for (const f of Object.values(fakes)) f.ackWindowMs = 120_000;
    sandbox = await startSandbox();
    process.send?.({
      env: sandbox.env,
      bot: { apiUrl: fakes.bot.apiUrl },
      bare: { apiUrl: fakes.bare.apiUrl },
      token: fakes.bot.token,
      applicationId: fakes.bot.applicationId,
    });
  } else if (m.cmd === 'latency') {
    for (const sim of Object.values(sandbox?.simulators ?? {})) sim.server.setLatency(m.ms);
    process.send?.({ ok: true });
  } else if (m.cmd === 'session') {
    await (fakes[m.target] as DiscordFake).waitForSession(120_000);
    process.send?.({ ok: true });
  } else if (m.cmd === 'burst') {
    const fake = fakes[m.target] as DiscordFake;
    await fake.waitForSession(60_000);
    const batch: SentInteraction[] = [];
    for (let i = 0; i < m.n; i++) batch.push(fake.command(m.user, m.name, m.path, m.options));
    sent[m.target]?.push(...batch);
    await fake.waitUntil(() => batch.every((s) => fake.callbacks(s).length > 0), 120_000, 'every defer');
    const ms = batch.map((s) => (fake.callbacks(s)[0]?.at ?? Number.NaN) - s.sentAt);
    process.send?.({ ms });
  } else if (m.cmd === 'answers') {
    const fake = fakes[m.target] as DiscordFake;
    const list = sent[m.target] ?? [];
    process.send?.({ answered: list.filter((s) => fake.messages(s).length > 0).length, sent: list.length });
  } else if (m.cmd === 'close') {
    for (const f of Object.values(fakes)) await f.close();
    await sandbox?.close();
    process.send?.({ closed: true }, () => process.exit(0));
  }
});
