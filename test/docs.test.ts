import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capabilityTable, readmeWithProviderTable } from '../commands/capabilities.js';
import { commands } from '../commands/index.js';
import { envSections } from '../src/env-docs.js';
import { providerDefinitions } from '../src/providers/registry.js';
import { parseCommandLine } from '../src/runtime/parse.js';
import { commandExamples, readme } from './helpers/readme-examples.js';

describe('what each provider offers', () => {
  it('is in the README as the definitions say (npm run readme:providers)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(readmeWithProviderTable(readme, providerDefinitions));
  });

  it('gives /help the same facts, one line per provider', () => {
    const lines = capabilityTable(providerDefinitions).split('\n');
    expect(lines).toHaveLength(providerDefinitions.length);
    for (const [i, d] of providerDefinitions.entries()) {
      expect(lines[i]).toMatch(new RegExp(`^${d.id} — customers: `));
      const balance = d.capabilities.balance?.summary ?? '—';
      expect(lines[i]).toContain(`balance: ${balance}`);
    }
  });
});

describe('the README', () => {
  it('names only variables the bot reads (.env.example lists them)', () => {
    const known = new Set(envSections().flatMap((s) => s.vars.map((v) => v.name)));
    // Node's own variable, and the misspelling doctor's example corrects.
    const notOurs = new Set(['NODE_OPTIONS', 'PROXYLITE_APPKEY']);
    const named = [...new Set(readme.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g))];
    expect(named.length).toBeGreaterThan(25);
    expect(named.filter((name) => !known.has(name) && !notOurs.has(name))).toEqual([]);
  });

  it('gives command examples that parse as written: names, subcommands, options and values', () => {
    const examples = commandExamples();
    expect(examples.length).toBeGreaterThan(40);
    const broken = examples.flatMap((line) => {
      try {
        parseCommandLine(commands, line);
        return [];
      } catch (error) {
        return [`${line} → ${(error as Error).message}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it('names the commands Discord shows only with Manage Server: the owner-level ones', () => {
    const sentence = /((?:`\/\w+`(?:, |\s+and\s+)?)+)\s+are shown only to members with \*\*Manage Server\*\*/.exec(
      readme,
    );
    const named = [...(sentence?.[1] ?? '').matchAll(/`\/(\w+)`/g)].map((m) => m[1]);
    const adminOnly = commands.filter((c) => c.adminOnly).map((c) => c.name);
    expect(named.sort()).toEqual(adminOnly.sort());
  });
});
