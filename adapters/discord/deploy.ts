import { REST, Routes } from 'discord.js';
import type { Config } from '../../src/config.js';
import type { CommandSpec } from '../../src/runtime/command.js';
import { buildDiscordCommandData } from './command-data.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  guildId?: string;
  commands: number;
}

/**
 * `resellerops discord deploy`: a bulk overwrite (PUT) of every slash command, to one guild when
 * DISCORD_GUILD_ID is set (instant, for testing) or globally. Commands no longer in the list go away.
 */
export async function deployDiscordCommands(
  config: NonNullable<Config['discord']>,
  commands: readonly CommandSpec[],
): Promise<DeployResult> {
  const rest = new REST({ api: config.apiUrl.replace(/\/+$/, '') }).setToken(config.token);
  const body = buildDiscordCommandData(commands);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const saved = (await rest.put(route, { body })) as unknown[];
  return {
    scope: config.guildId ? 'guild' : 'global',
    ...(config.guildId ? { guildId: config.guildId } : {}),
    commands: saved.length,
  };
}
