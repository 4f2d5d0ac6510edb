import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordAdapter } from '../../../adapters/discord/index.js';
import { commands } from '../../../commands/index.js';
import { bootApp } from '../../../src/app/boot.js';
import { createDispatcher } from '../../../src/runtime/dispatch.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { embedOf, owner } from '../../helpers/discord-fake/harness.js';
import { DiscordFake } from '../../helpers/discord-fake/server.js';

/** A process restart between the question and the press: the stored question still answers. */
describe('Discord confirmations across a restart', () => {
  let fake: DiscordFake;
  let sandbox: Sandbox;
  let dataDir: string;
  beforeAll(async () => {
    fake = await DiscordFake.start();
    sandbox = await startSandbox();
    dataDir = await mkdtemp(join(tmpdir(), 'resellerops-discord-restart-'));
  });
  afterAll(async () => {
    await fake?.close();
    await sandbox?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const boot = async () => {
    const app = await bootApp({
      env: {
        ...sandbox.env,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        OWNER_DISCORD_IDS: owner.id,
      },
    });
    const adapter = await startDiscordAdapter(app, createDispatcher(app.services, commands), {
      readyTimeoutMs: 10_000,
    });
    return { app, adapter };
  };

  it('carries out a Confirm pressed after the bot restarted, once', async () => {
    const sim = sandbox.simulators.proxylite.server;
    const first = await boot();
    const listed = await first.app.services.customers.list('proxylite', {});
    const username = listed.page.customers[0]!.username;
    const ask = fake.command(
      owner,
      'customer',
      ['delete'],
      [
        { name: 'provider', type: 3, value: 'proxylite' },
        { name: 'username', type: 3, value: username },
      ],
    );
    await fake.waitUntil(() => fake.messages(ask).length > 0, 10_000, 'the prompt');
    const prompt = fake.messages(ask)[0]!;
    const customId = (prompt.body as { components: { components: { custom_id: string }[] }[] }).components[0]!
      .components[0]!.custom_id;
    await first.adapter.stop();
    await first.app.close();

    const second = await boot();
    try {
      const deletes = () => sim.received.filter((r) => r.path.endsWith('/whitelist-account/delete')).length;
      const before = deletes();
      const press = fake.button(owner, customId);
      await fake.waitUntil(() => fake.messages(press).length > 0, 10_000, 'the answer');
      expect(embedOf(fake.messages(press)[0]!).title).toBe('Customer deleted');
      expect(deletes() - before).toBe(1);
      const again = fake.button(owner, customId);
      await fake.waitUntil(() => fake.messages(again).length > 0, 10_000, 'the second answer');
      expect(embedOf(fake.messages(again)[0]!).title).toBe('Conflict');
      expect(deletes() - before).toBe(1);
    } finally {
      await second.adapter.stop();
      await second.app.close();
    }
  });
});
