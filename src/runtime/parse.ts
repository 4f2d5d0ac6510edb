import { UserInputError } from '../errors.js';
import { echo } from '../kit/echo.js';
import { isMentionPrefix, optionsSchema } from '../kit/options.js';
import { type CommandSpec, isGroup, isSubcommandGroup, type ResolvedCommand } from './command.js';
import { tokenize } from './tokenize.js';
import { positionalOptions, usageLine } from './usage.js';

/** Thrown for bad input once the command is known, so the reply can carry its usage line. */
export class UsageError extends UserInputError {
  readonly usage: string;
  constructor(message: string, usage: string) {
    super(message);
    this.name = 'UsageError';
    this.usage = usage;
  }
}

export interface ParsedInvocation {
  resolved: ResolvedCommand;
  args: Record<string, unknown>;
  /** `confirm:yes` was given (the terminal's confirmation). */
  confirmed: boolean;
}

const namedToken = /^([a-z][a-z0-9_]*):(.*)$/s;

function commandNames(commands: readonly CommandSpec[]): string {
  return commands.map((c) => c.name).join(', ');
}

/** Finds the command (and subcommand) the first words name; the rest are its arguments. */
export function resolveCommand(
  commands: readonly CommandSpec[],
  words: readonly string[],
): { resolved: ResolvedCommand; rest: string[] } {
  const [first, ...afterFirst] = words;
  if (!first) throw new UserInputError('Type a command.', { hint: 'Try /help for the list of commands.' });
  const name = first.replace(/^\//, '').toLowerCase();
  const command = commands.find((c) => c.name === name);
  if (!command) {
    throw new UserInputError(`There is no command ${echo(name)}.`, { hint: `Commands: ${commandNames(commands)}.` });
  }
  return resolveSubcommand(command, afterFirst);
}

/** Within a known command, finds the subcommand (and group) the first words name. */
export function resolveSubcommand(
  command: CommandSpec,
  words: readonly string[],
): { resolved: ResolvedCommand; rest: string[] } {
  if (!isGroup(command)) return { resolved: { command, leaf: command, path: command.name }, rest: [...words] };
  const [subName, ...rest] = words;
  const subs = command.subcommands.map((s) => s.name).join('|');
  const sub = command.subcommands.find((s) => s.name === subName?.toLowerCase());
  if (!sub) {
    const said = subName
      ? `${echo(subName)} is not a subcommand of /${command.name}.`
      : `/${command.name} needs a subcommand.`;
    throw new UserInputError(said, { hint: `Usage: /${command.name} ${subs} …` });
  }
  if (!isSubcommandGroup(sub)) {
    return { resolved: { command, leaf: sub, path: `${command.name} ${sub.name}`, subcommand: sub.name }, rest };
  }
  const [leafName, ...afterLeaf] = rest;
  const leaf = sub.group.find((l) => l.name === leafName?.toLowerCase());
  if (!leaf) {
    const said = leafName
      ? `${echo(leafName)} is not a subcommand of /${command.name} ${sub.name}.`
      : `/${command.name} ${sub.name} needs a subcommand.`;
    throw new UserInputError(said, {
      hint: `Usage: /${command.name} ${sub.name} ${sub.group.map((l) => l.name).join('|')} …`,
    });
  }
  return {
    resolved: {
      command,
      leaf,
      path: `${command.name} ${sub.name} ${leaf.name}`,
      group: sub.name,
      subcommand: leaf.name,
    },
    rest: afterLeaf,
  };
}

/**
 * Validates option values against the command's specs (zod); typed values (Discord) and text
 * (Slack, terminal) go through the same checks.
 */
export function validateArgs(resolved: ResolvedCommand, values: Record<string, unknown>): Record<string, unknown> {
  const usage = usageLine(resolved);
  const known = new Set(resolved.leaf.options.map((o) => o.name));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) {
      const options = [...known].join(', ') || 'none';
      throw new UsageError(`/${resolved.path} has no option ${echo(key)} (its options: ${options}).`, usage);
    }
  }
  const missing = resolved.leaf.options.filter((o) => o.required && values[o.name] === undefined).map((o) => o.name);
  if (missing.length > 0) {
    throw new UsageError(`Missing ${missing.map((m) => `<${m}>`).join(' ')}.`, usage);
  }
  const result = optionsSchema(resolved.leaf.options).safeParse(values);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => i.message).join('; '), usage);
  }
  return result.data;
}

/** Binds positional words and `name:value` pairs to the command's options. */
export function bindArguments(resolved: ResolvedCommand, words: readonly string[]): ParsedInvocation {
  const usage = usageLine(resolved);
  const values: Record<string, unknown> = {};
  const positionalWords: string[] = [];
  let confirmed = false;
  const optionNames = new Set(resolved.leaf.options.map((o) => o.name));
  for (const word of words) {
    const named = namedToken.exec(word);
    // `slack:U123` names a user, not an option: a value, unless the command has an option of that name.
    if (!named || (isMentionPrefix(named[1] as string) && !optionNames.has(named[1] as string))) {
      positionalWords.push(word);
      continue;
    }
    const [, name, value] = named as unknown as [string, string, string];
    if (name === 'confirm') {
      if (!/^(yes|y|true)$/i.test(value)) throw new UsageError(`confirm: takes only "yes", not ${echo(value)}.`, usage);
      confirmed = true;
      continue;
    }
    if (name in values) throw new UsageError(`${name}: is given twice.`, usage);
    values[name] = value;
  }
  const slots = positionalOptions(resolved.leaf.options).filter((o) => !(o.name in values));
  if (slots.at(-1)?.rest && positionalWords.length > slots.length) {
    positionalWords.push(positionalWords.splice(slots.length - 1).join(' '));
  }
  if (positionalWords.length > slots.length) {
    const extra = positionalWords.slice(slots.length).join(' ');
    throw new UsageError(`Unexpected ${echo(extra)}. Optional values go as name:value.`, usage);
  }
  positionalWords.forEach((word, i) => {
    values[(slots[i] as { name: string }).name] = word;
  });
  return { resolved, args: validateArgs(resolved, values), confirmed };
}

/** The text grammar of the terminal: `/<command> <subcommand> <args> [name:value …]`. */
export function parseCommandLine(commands: readonly CommandSpec[], line: string): ParsedInvocation {
  const words = tokenize(line.trim());
  const { resolved, rest } = resolveCommand(commands, words);
  return bindArguments(resolved, rest);
}

/** The same grammar after the command name, which Slack gives apart from the text of the line. */
export function parseArguments(command: CommandSpec, text: string): ParsedInvocation {
  const { resolved, rest } = resolveSubcommand(command, tokenize(text.trim()));
  return bindArguments(resolved, rest);
}
