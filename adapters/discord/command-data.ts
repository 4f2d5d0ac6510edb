import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { OptionSpec } from '../../src/kit/options.js';
import { type CommandSpec, isGroup, isSubcommandGroup, type LeafSpec } from '../../src/runtime/command.js';
import { cut, discordLimits as L } from './limits.js';

const typeOf: Record<OptionSpec['type'], ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  choice: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
  // Discord type 9: a user or a role, picked from Discord's own list (no autocomplete there).
  mentionable: ApplicationCommandOptionType.Mentionable,
};

const description = (text: string) => cut(text.trim() || '—', L.commandDescription);

function optionData(option: OptionSpec): APIApplicationCommandBasicOption {
  const type = typeOf[option.type];
  const out: Record<string, unknown> = {
    type,
    name: option.name,
    description: description(option.description),
    required: Boolean(option.required),
  };
  if (option.type === 'choice' && option.choices && option.choices.length <= L.choices) {
    out.choices = option.choices.map((c) => ({ name: cut(c.name, L.choiceName), value: c.value }));
  } else if (
    option.autocomplete &&
    (type === ApplicationCommandOptionType.String ||
      type === ApplicationCommandOptionType.Integer ||
      type === ApplicationCommandOptionType.Number)
  ) {
    out.autocomplete = true;
  } else if (option.type === 'choice') {
    // More choices than Discord shows: offer them while typing instead.
    out.autocomplete = true;
  }
  if (type === ApplicationCommandOptionType.Integer || type === ApplicationCommandOptionType.Number) {
    if (option.min !== undefined) out.min_value = option.min;
    if (option.max !== undefined) out.max_value = option.max;
  }
  if (type === ApplicationCommandOptionType.String && option.maxLength !== undefined) {
    out.max_length = Math.min(option.maxLength, 6000);
  }
  return out as unknown as APIApplicationCommandBasicOption;
}

/** Discord wants required options first; the kit's order is kept otherwise. */
function optionsData(leaf: LeafSpec): APIApplicationCommandBasicOption[] {
  const required = leaf.options.filter((o) => o.required);
  const optional = leaf.options.filter((o) => !o.required);
  return [...required, ...optional].slice(0, L.optionsPerCommand).map(optionData);
}

function subcommandData(name: string, leaf: LeafSpec): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description: description(leaf.description),
    options: optionsData(leaf),
  };
}

/**
 * Where a command may be used and by whom, before the role check: in servers only (the roles, the
 * private replies and the audit all assume a server member; never in DMs or as a user-installed
 * app), and owner-level commands shown only to members with Manage Server.
 */
function placement(command: CommandSpec): Partial<RESTPostAPIChatInputApplicationCommandsJSONBody> {
  return {
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    // null (everyone) is explicit so that a redeploy also clears what an earlier version set.
    default_member_permissions: command.adminOnly ? PermissionFlagsBits.ManageGuild.toString() : null,
  };
}

/**
 * The slash-command definitions for Discord, generated from the command specs: subcommands,
 * subcommand groups, typed options with choices, limits, and autocomplete where the kit names a
 * local source. Nothing here is written by hand per command.
 */
export function buildDiscordCommandData(commands: readonly CommandSpec[]): RESTPutAPIApplicationCommandsJSONBody {
  return commands.map((command) => {
    if (!isGroup(command)) {
      return {
        type: ApplicationCommandType.ChatInput,
        name: command.name,
        description: description(command.description),
        options: optionsData(command),
        ...placement(command),
      };
    }
    const options: APIApplicationCommandOption[] = command.subcommands.map((sub) =>
      isSubcommandGroup(sub)
        ? {
            type: ApplicationCommandOptionType.SubcommandGroup,
            name: sub.name,
            description: description(sub.description),
            options: sub.group.map((leaf) => subcommandData(leaf.name, leaf)),
          }
        : subcommandData(sub.name, sub),
    );
    return {
      type: ApplicationCommandType.ChatInput,
      name: command.name,
      description: description(command.description),
      options,
      ...placement(command),
    };
  });
}
