import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeOf, replyToJson } from '../adapters/terminal/render.js';
import { commands } from '../commands/index.js';
import { AppError, errorCodes } from '../src/errors.js';
import { errorReply, reply } from '../src/kit/reply.js';
import { leaves } from '../src/runtime/command.js';
import { usageLine } from '../src/runtime/usage.js';

/** docs/ is the project's own word on its contract: these checks keep it true. */
const root = join(import.meta.dirname, '..');
const doc = (name: string) => readFileSync(join(root, 'docs', name), 'utf8');
const commandsDoc = doc('commands.md');

/** The body rows of the first markdown table under `heading`, as cells, with `\|` read back as `|`. */
function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.slice(markdown.indexOf(`\n${heading}\n`) + 1).split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines
    .slice(start + 2, end)
    .map((row) => row.replace(/\\\|/g, '\u0000').split('|').slice(1, -1))
    .map((cells) => cells.map((c) => c.replaceAll('\u0000', '|').trim().replace(/^`|`$/g, '')));
}

/** GitHub's anchor for a heading. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return files(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

describe('docs/commands.md', () => {
  it('gives every command with its usage line as /help prints it', () => {
    const documented = tableUnder(commandsDoc, '## The commands').map((cells) => cells[0]);
    const lines = commands.flatMap((c) => leaves(c)).map((r) => usageLine(r));
    expect(documented).toEqual(lines);
  });

  it('lists the error codes the code knows, in its order', () => {
    expect(tableUnder(commandsDoc, '## Error codes').map((cells) => cells[0])).toEqual([...errorCodes]);
  });

  it('shows the exec --json envelope with exactly its keys', () => {
    const keys = Object.keys(replyToJson(reply({ title: 't' })));
    const block = commandsDoc.slice(
      commandsDoc.indexOf('{ "ok"'),
      commandsDoc.indexOf('}', commandsDoc.indexOf('"error"')),
    );
    const documented = [...block.matchAll(/^\s*\{?\s*"(\w+)":/gm)].map((m) => m[1]);
    expect(documented).toEqual(keys);
  });

  it('gives the exit statuses exitCodeOf returns', () => {
    const statuses = tableUnder(commandsDoc, '## Exit statuses').map((cells) => Number(cells[0]));
    expect(statuses).toEqual([0, 1, 2]);
    expect(exitCodeOf(reply({ title: 'ok' }))).toBe(0);
    expect(exitCodeOf(errorReply(new AppError('not_found', 'x')))).toBe(1);
    expect(exitCodeOf(errorReply(new AppError('invalid_input', 'x')))).toBe(2);
  });
});

describe('links to docs/ from the code', () => {
  it('name a page that exists, and a heading on it', () => {
    const sources = ['src', 'commands', 'adapters', 'test', 'scripts', 'bench'].flatMap(files);
    const links = sources.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/docs\/([\w-]+\.md)(?:#([\w-]+))?/g)].map((m) => ({
        file,
        page: m[1] as string,
        anchor: m[2],
      })),
    );
    expect(links.length).toBeGreaterThan(10);
    const broken = links.filter(({ page, anchor }) => {
      if (!existsSync(join(root, 'docs', page))) return true;
      if (!anchor) return false;
      const headings = [...doc(page).matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1] as string));
      return !headings.includes(anchor);
    });
    expect(broken).toEqual([]);
  });
});
