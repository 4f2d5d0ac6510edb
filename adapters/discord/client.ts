import { Client, type ClientOptions, GatewayIntentBits, Options } from 'discord.js';

export interface DiscordConnection {
  token: string;
  /** REST base, DISCORD_API_URL (`https://discord.com/api` by default); the gateway URL comes from its /gateway/bot. */
  apiUrl: string;
}

/**
 * A discord.js client for slash commands: the Guilds intent only (interactions need none), and
 * small caches, since the bot reads no messages. `rest.api` points REST, and through
 * GET /gateway/bot the gateway too, at DISCORD_API_URL.
 */
export function createDiscordClient(connection: DiscordConnection, extra: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: connection.apiUrl.replace(/\/+$/, '') },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      GuildMessageManager: 0,
      PresenceManager: 0,
      GuildStickerManager: 0,
      GuildEmojiManager: 0,
      VoiceStateManager: 0,
    }),
    ...extra,
  });
}
