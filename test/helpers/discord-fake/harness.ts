import pino from 'pino';
import { type DiscordAdapter, startDiscordAdapter } from '../../../adapters/discord/index.js';
import { startTestApp, type TestApp } from '../app.js';
import { DiscordFake, type FakeRequest, type SentInteraction } from './server.js';

export const owner = { id: '700000000000000001', username: 'olivia' };
export const stranger = { id: '700000000000000009', username: 'sam' };

export interface DiscordHarness {
  fake: DiscordFake;
  t: TestApp;
  adapter: DiscordAdapter;
  /** The adapter's answer (edited original or followup) to an interaction, once it arrives. */
  answer(sent: SentInteraction, timeoutMs?: number): Promise<FakeRequest>;
  /** Every line the adapter logged, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The real app (sandbox providers) with the real discord.js client connected to the local fake. */
export async function startDiscordHarness(
  env: Record<string, string> = {},
  existing?: DiscordFake,
  options: { now?: () => Date } = {},
): Promise<DiscordHarness> {
  const fake = existing ?? (await DiscordFake.start());
  const t = await startTestApp(
    {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      OWNER_DISCORD_IDS: owner.id,
      ...env,
    },
    options.now ? { now: options.now } : {},
  );
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const adapter = await startDiscordAdapter(t.app, t.dispatcher, { readyTimeoutMs: 10_000, logger });
  return {
    fake,
    t,
    adapter,
    logs,
    async answer(sent, timeoutMs = 15_000) {
      await fake.waitUntil(() => fake.messages(sent).length > 0, timeoutMs, `an answer to ${sent.id}`);
      return fake.messages(sent)[0] as FakeRequest;
    },
    async close() {
      await adapter.stop();
      await t.close();
      if (!existing) await fake.close();
    },
  };
}

/** The first embed of a message request body. */
export function embedOf(req: FakeRequest): {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
} {
  const body = req.body as { embeds?: unknown[] };
  return (body.embeds?.[0] ?? {}) as never;
}

export function flagsOf(req: FakeRequest): number {
  return Number((req.body as { flags?: number } | undefined)?.flags ?? 0);
}
