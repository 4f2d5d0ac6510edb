import { type Client, type ClientOptions, Events, type Interaction } from 'discord.js';
import type { App } from '../../src/app/boot.js';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { Dispatcher } from '../../src/runtime/dispatch.js';
import { InFlight } from '../chat/in-flight.js';
import { createDiscordAlertSink } from './alert-sink.js';
import { createDiscordClient } from './client.js';
import { loggableError } from './errors.js';
import { createInteractionHandler } from './interactions.js';
import { expiredPayload } from './render.js';

export { createDiscordAlertSink } from './alert-sink.js';
export { buildDiscordCommandData } from './command-data.js';
export { type DeployResult, deployDiscordCommands } from './deploy.js';
export { probeDiscord } from './probe.js';
export { renderReply } from './render.js';

export interface DiscordAdapterOptions {
  /** Defaults to `app.config.discord`. */
  config?: NonNullable<Config['discord']>;
  /** How often VPN servers/ports for autocomplete are refreshed in the background (0: only at start). */
  refreshVpnEveryMs?: number;
  /** How long to wait for the gateway's READY. */
  readyTimeoutMs?: number;
  clientOptions?: Partial<ClientOptions>;
  /** Defaults to `app.logger`. */
  logger?: Logger;
  /** How long stop() waits for interactions already taken to finish replying (default 15 s). */
  drainMs?: number;
}

export interface DiscordAdapter {
  client: Client;
  /** The notifier's Discord sink, over this client's REST. */
  alertSink: ReturnType<typeof createDiscordAlertSink>;
  /** Resolves once every interaction received so far has been handled (tests wait on it). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Connects to the Discord gateway and serves slash commands, buttons and autocomplete through the
 * dispatcher. Resolves once the gateway said READY.
 */
export async function startDiscordAdapter(
  app: App,
  dispatcher: Dispatcher,
  options: DiscordAdapterOptions = {},
): Promise<DiscordAdapter> {
  const config = options.config ?? app.config.discord;
  if (!config) throw new Error('Discord is not configured (DISCORD_TOKEN, DISCORD_APPLICATION_ID).');
  const logger = (options.logger ?? app.logger).child({ platform: 'discord' });
  const client = createDiscordClient(config, options.clientOptions);
  const timers = new Set<NodeJS.Timeout>();

  const handle = createInteractionHandler(app, dispatcher, {
    logger,
    onPrompt(interaction, confirmationId, expiresAt) {
      // The token of the asking interaction lives 15 minutes; past that the message cannot be edited.
      const wait = Date.parse(expiresAt) - Date.now() + 1_000;
      if (wait > 14 * 60_000) return;
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          void app.services.confirmations
            .get(confirmationId)
            .then((confirmation) => {
              if (confirmation?.state === 'pending') return interaction.editReply(expiredPayload());
            })
            .catch((error: unknown) => {
              logger.warn(
                { err: loggableError(error), interactionId: interaction.id },
                'could not mark a confirmation as expired',
              );
            });
        },
        Math.max(0, wait),
      );
      timer.unref();
      timers.add(timer);
    },
  });

  /** Every interaction being handled, from its defer to its answer: tests wait on it. */
  const inflight = new InFlight();
  const onInteraction = (interaction: Interaction) => {
    void inflight.track(
      handle(interaction).catch((error: unknown) =>
        logger.error({ err: loggableError(error) }, 'discord interaction handler failed'),
      ),
    );
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.Error, (error) => logger.error({ err: loggableError(error) }, 'discord client error'));
  client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, shardId }, 'discord gateway error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfter: info.retryAfter }, 'discord rate limit'),
  );

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('Discord gateway did not become ready in time')),
      options.readyTimeoutMs ?? 60_000,
    );
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  logger.info({ user: client.user?.tag, api: config.apiUrl }, 'discord connected');

  // Autocomplete never waits on a provider: VPN servers are loaded here, in the background.
  const refresh = () =>
    app.services.suggestions
      .refreshVpn()
      .catch((error: unknown) => logger.warn({ err: error }, 'VPN list refresh failed'));
  void refresh();
  const every = options.refreshVpnEveryMs ?? 30 * 60_000;
  const refresher = every > 0 ? setInterval(refresh, every) : undefined;
  refresher?.unref();

  let stopped = false;
  return {
    client,
    alertSink: createDiscordAlertSink(config),
    settled: () => inflight.settled(),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (refresher) clearInterval(refresher);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // No new work; what was taken (a purchase half done included) gets its answer before the
      // caller closes the store, within `drainMs`.
      client.off(Events.InteractionCreate, onInteraction);
      if (inflight.size > 0) {
        logger.info({ interactions: inflight.size }, 'discord: waiting for interactions in progress to finish');
        await Promise.race([
          inflight.settled(),
          new Promise((resolve) => setTimeout(resolve, options.drainMs ?? 15_000).unref()),
        ]);
      }
      client.removeAllListeners();
      await client.destroy();
    },
  };
}
