import type { AutocompleteInteraction } from 'discord.js';
import type { Choice } from '../../src/kit/options.js';
import { type Role, roleAllows } from '../../src/kit/roles.js';
import { type CommandSpec, leaves } from '../../src/runtime/command.js';
import type { Suggestions } from '../../src/services/suggestions.js';
import { cut, discordLimits as L } from './limits.js';
import { resolveInteraction } from './read-options.js';

/**
 * Autocomplete from local data only (Discord allows 3 s and no defer): the suggestions service
 * (providers, the customer records kept locally, cached VPN servers and ports) and the command list.
 * Nothing here reaches a provider. A user the command would refuse (`role` below its minRole) gets
 * nothing: suggestions show customer names.
 */
export async function suggestFor(
  suggestions: Suggestions,
  commands: readonly CommandSpec[],
  interaction: Pick<AutocompleteInteraction, 'commandName' | 'options'>,
  role: Role | null,
): Promise<Choice[]> {
  const focused = interaction.options.getFocused(true);
  const resolved = resolveInteraction(commands, interaction);
  if (!resolved || !roleAllows(role, resolved.leaf.minRole)) return [];
  const option = resolved.leaf.options.find((o) => o.name === focused.name);
  if (!option) return [];
  const typed = String(focused.value ?? '');
  const prefix = typed.trim().toLowerCase();
  if (option.type === 'choice' && option.choices) {
    return option.choices.filter((c) => c.value.startsWith(prefix) || c.name.toLowerCase().includes(prefix));
  }
  if (option.autocomplete === 'command') {
    return commands
      .flatMap((c) => leaves(c).map((l) => l.path))
      .filter((p) => p.startsWith(prefix))
      .map((p) => ({ name: `/${p}`, value: p }));
  }
  if (!option.autocomplete) return [];
  const provider = interaction.options.getString('provider', false) ?? undefined;
  const product = resolved.leaf.options.some((o) => o.name === 'product')
    ? (interaction.options.getString('product', false) ?? undefined)
    : undefined;
  return suggestions.suggest(option.autocomplete, typed, {
    ...(provider ? { provider } : {}),
    ...(product ? { product } : {}),
  });
}

/**
 * The choices Discord takes, at most 25. A value that does not fit is left out rather than cut: picking
 * a cut value would send another customer, server or order to the command (it can still be typed).
 * A name is only a label: a long one is shortened, an empty one shows the value. One invalid choice
 * would make Discord refuse the whole answer.
 */
export function choicesDiscordAccepts(choices: readonly Choice[]): Choice[] {
  return choices
    .filter((c) => c.value.length >= 1 && c.value.length <= L.choiceValue)
    .slice(0, L.choices)
    .map((c) => ({ name: cut(c.name.trim() === '' ? c.value : c.name, L.choiceName), value: c.value }));
}
