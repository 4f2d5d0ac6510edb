import type { OptionSpec } from '../kit/options.js';
import { describeAudience } from '../kit/roles.js';
import { type CommandSpec, leaves, type ResolvedCommand } from './command.js';

export function positionalOptions(options: readonly OptionSpec[]): OptionSpec[] {
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required && o.positional)];
}

function optionHint(option: OptionSpec): string {
  if (option.type === 'choice' && option.choices) return option.choices.map((c) => c.value).join('|');
  return '';
}

/** The usage line of docs/commands.md: `/customer create <provider> <username> [password:] [traffic:]`. */
export function usageLine(resolved: ResolvedCommand): string {
  const options = resolved.leaf.options;
  const parts = [`/${resolved.path}`];
  for (const option of positionalOptions(options)) {
    parts.push(option.required ? `<${option.name}>` : `[${option.name}]`);
  }
  for (const option of options) {
    if (option.required || option.positional) continue;
    parts.push(`[${option.name}:${optionHint(option)}]`);
  }
  if (resolved.leaf.confirm) parts.push('[confirm:yes]');
  return parts.join(' ');
}

/** `/help` with no argument: every command, one usage line each. */
export function helpOverview(commands: readonly CommandSpec[], describeLeaf?: (r: ResolvedCommand) => string): string {
  const lines: string[] = [];
  for (const command of commands) {
    for (const resolved of leaves(command)) {
      const note = describeLeaf?.(resolved);
      lines.push(`${usageLine(resolved)} — ${resolved.leaf.description}${note ? ` ${note}` : ''}`);
    }
  }
  return lines.join('\n');
}

/** `/help <command>`: usage, then what each option means. */
export function helpForCommand(command: CommandSpec): string {
  return helpForLeaves(leaves(command));
}

/** `/help balance add`: the same, for some of a command's subcommands. */
export function helpForLeaves(resolvedLeaves: readonly ResolvedCommand[]): string {
  const blocks: string[] = [];
  for (const resolved of resolvedLeaves) {
    const lines = [usageLine(resolved), `  ${resolved.leaf.description} (${describeAudience(resolved.leaf.minRole)})`];
    for (const option of resolved.leaf.options) {
      const flags = option.required ? 'required' : 'optional';
      lines.push(`  ${option.name} — ${option.description} (${flags})`);
    }
    if (resolved.leaf.confirm) lines.push('  Asks for confirmation first (on the terminal add confirm:yes).');
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
