import type { OptionSpec } from '../kit/options.js';
import { type CommandSpec, isGroup, isSubcommandGroup, type SubcommandSpec } from './command.js';

/** Discord's limits for application commands; Slack's are looser, so these bind both. */
export const discordCommandLimits = {
  nameLength: 32,
  descriptionLength: 100,
  options: 25,
  choices: 25,
  choiceNameLength: 100,
} as const;

const namePattern = /^[-_a-z0-9]{1,32}$/;

function checkOptions(where: string, options: readonly OptionSpec[], problems: string[]): void {
  if (options.length > discordCommandLimits.options) problems.push(`${where}: more than 25 options`);
  let seenOptional = false;
  for (const option of options) {
    const at = `${where} ${option.name}`;
    if (!namePattern.test(option.name)) problems.push(`${at}: name must be 1–32 lowercase letters, digits, - or _`);
    if (!option.description || option.description.length > discordCommandLimits.descriptionLength) {
      problems.push(`${at}: description must be 1–100 characters`);
    }
    if (option.required && seenOptional) problems.push(`${at}: required options must come before optional ones`);
    if (!option.required) seenOptional = true;
    if (option.type === 'choice') {
      const choices = option.choices ?? [];
      if (choices.length === 0 || choices.length > discordCommandLimits.choices) problems.push(`${at}: 1–25 choices`);
      for (const c of choices) {
        if (c.name.length > discordCommandLimits.choiceNameLength) problems.push(`${at}: choice "${c.name}" too long`);
      }
    }
  }
}

/** Every problem that would make Discord refuse the command list; empty when all is well. */
export function checkCommandLimits(commands: readonly CommandSpec[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const command of commands) {
    const where = `/${command.name}`;
    if (names.has(command.name)) problems.push(`${where}: defined twice`);
    names.add(command.name);
    if (!namePattern.test(command.name)) problems.push(`${where}: name must be 1–32 lowercase letters, digits, - or _`);
    if (!command.description || command.description.length > discordCommandLimits.descriptionLength) {
      problems.push(`${where}: description must be 1–100 characters`);
    }
    if (isGroup(command)) {
      if (command.subcommands.length > discordCommandLimits.options)
        problems.push(`${where}: more than 25 subcommands`);
      const checkLeaf = (at: string, sub: SubcommandSpec) => {
        if (!namePattern.test(sub.name)) problems.push(`${at} ${sub.name}: bad subcommand name`);
        if (!sub.description || sub.description.length > discordCommandLimits.descriptionLength) {
          problems.push(`${at} ${sub.name}: description must be 1–100 characters`);
        }
        checkOptions(`${at} ${sub.name}`, sub.options, problems);
      };
      for (const sub of command.subcommands) {
        if (!isSubcommandGroup(sub)) {
          checkLeaf(where, sub);
          continue;
        }
        if (!namePattern.test(sub.name)) problems.push(`${where} ${sub.name}: bad group name`);
        if (!sub.description || sub.description.length > discordCommandLimits.descriptionLength) {
          problems.push(`${where} ${sub.name}: description must be 1–100 characters`);
        }
        if (sub.group.length > discordCommandLimits.options)
          problems.push(`${where} ${sub.name}: more than 25 subcommands`);
        for (const leaf of sub.group) checkLeaf(`${where} ${sub.name}`, leaf);
      }
    } else {
      checkOptions(where, command.options, problems);
    }
  }
  return problems;
}
