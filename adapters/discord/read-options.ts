import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import { type CommandSpec, findLeaf, type ResolvedCommand } from '../../src/runtime/command.js';

interface InteractionLike {
  commandName: string;
  options: { data: readonly CommandInteractionOption[] };
}

const nesting = new Set([ApplicationCommandOptionType.Subcommand, ApplicationCommandOptionType.SubcommandGroup]);

/** The subcommand path and the leaf's own options, from the nested option tree Discord sends. */
export function commandPath(interaction: InteractionLike): {
  path: string;
  options: readonly CommandInteractionOption[];
} {
  const parts = [interaction.commandName];
  let options = interaction.options.data;
  for (;;) {
    const nested = options.find((o) => nesting.has(o.type));
    if (!nested) break;
    parts.push(nested.name);
    options = nested.options ?? [];
  }
  return { path: parts.join(' '), options };
}

export function resolveInteraction(
  commands: readonly CommandSpec[],
  interaction: InteractionLike,
): ResolvedCommand | undefined {
  return findLeaf(commands, commandPath(interaction).path);
}

/**
 * Typed option values for the dispatcher. A mentionable (type 9) becomes the mention text the kit
 * reads: `<@&id>` for a role, `<@id>` for a user.
 */
export function readOptions(interaction: InteractionLike): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const option of commandPath(interaction).options) {
    if (option.value === undefined || option.value === null) continue;
    if (
      option.type === ApplicationCommandOptionType.Mentionable ||
      option.type === ApplicationCommandOptionType.Role ||
      option.type === ApplicationCommandOptionType.User
    ) {
      const isRole = option.type === ApplicationCommandOptionType.Role || Boolean(option.role);
      values[option.name] = isRole ? `<@&${option.value}>` : `<@${option.value}>`;
    } else {
      values[option.name] = option.value;
    }
  }
  return values;
}
