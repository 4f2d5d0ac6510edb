import { readFileSync } from 'node:fs';
import { commands } from '../../commands/index.js';
import { resolveCommand } from '../../src/runtime/parse.js';
import { tokenize } from '../../src/runtime/tokenize.js';

/** The README as a reseller reads it. */
export const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

const commandNames = new Set(commands.map((c) => c.name));

/** A line as it would be typed: no trailing `# comment`, no console `as:platform:id` prefix. */
const typed = (line: string) =>
  line
    .replace(/\s+#\s.*$/, '')
    .replace(/^as:\S+\s+/, '')
    .trim();

/** Starts with a command name and holds no placeholder (`<order>`, `[page:]`, `a|b`, `…`). */
const isConcreteCommand = (line: string) =>
  commandNames.has(line.split(/\s/)[0]?.replace(/^\//, '') ?? '') && !/[<[|…]/.test(line);

/** Lines of the fenced blocks with no language: what the README gives to type at the sandbox console. */
export function consoleBlockLines(markdown = readme): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opened = /^```(\w*)$/.exec(line);
    if (opened) {
      fence = fence === undefined ? opened[1] : undefined;
      continue;
    }
    if (fence === '') lines.push(typed(line));
  }
  return lines.filter(isConcreteCommand);
}

/** Inline code that only names a command (`/usage show`) is a reference, not an example to type. */
function givesArguments(line: string): boolean {
  const words = tokenize(line);
  try {
    return resolveCommand(commands, words).rest.length > 0;
  } catch {
    return words.length > 1; // `/order bye …` is kept, so that it fails the check; `/order` alone is a name
  }
}

/**
 * Every concrete command example the README gives: the console blocks, indented slash-command
 * lines, the commands quoted after `exec`, and inline code that gives a command its arguments.
 */
export function commandExamples(markdown = readme): string[] {
  const indented = [...markdown.matchAll(/^ {4,}(\/[a-z].*)$/gm)].map((m) => typed(m[1] as string));
  const quoted = [...markdown.matchAll(/exec "([^"]+)"/g)].map((m) => typed(m[1] as string));
  const inline = [...markdown.matchAll(/`([^`\n]+)`/g)]
    .map((m) => typed(m[1] as string))
    .filter((line) => isConcreteCommand(line) && givesArguments(line));
  const all = [...consoleBlockLines(markdown), ...indented, ...quoted, ...inline];
  return [...new Set(all)].filter(isConcreteCommand);
}
