import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capabilityTable, readmeWithProviderTable } from '../commands/capabilities.js';
import { providerDefinitions } from '../src/providers/registry.js';

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
