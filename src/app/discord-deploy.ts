import { deployDiscordCommands } from '../../adapters/discord/deploy.js';
import { commands } from '../../commands/index.js';
import { type Config, loadConfig, readDotEnv } from '../config.js';
import { configProblem, fail, usage, type VerbArgs } from './cli.js';

/** `resellerops discord deploy`: registers the slash commands (guild ones when DISCORD_GUILD_ID is set). */
export async function run({ sub }: VerbArgs): Promise<number> {
  if (sub !== 'deploy') fail(`Did you mean: resellerops discord deploy\n${usage}`);
  let config: Config;
  try {
    config = loadConfig({ ...readDotEnv(), ...process.env });
  } catch (error) {
    configProblem(error);
  }
  if (!config.discord) fail('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID first (see .env.example).');
  const result = await deployDiscordCommands(config.discord, commands);
  process.stdout.write(
    `Registered ${result.commands} commands ${result.scope === 'guild' ? `in guild ${result.guildId} (available now)` : 'globally (may take up to an hour to appear)'}.\n`,
  );
  return 0;
}
