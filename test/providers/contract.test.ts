import { describe, expect, it } from 'vitest';
import { providerDefinitions, providerIds } from '../../src/providers/registry.js';
import { simulatorDefinitions } from '../../src/sandbox/registry.js';
import { contractLines, describeProviderContract } from './contract.js';

/** Adding a provider is a folder, a registry line, a simulator and a contract line: this holds them together. */
describe('the provider registry', () => {
  it('lists every provider once, each with a simulator and a contract line', () => {
    expect(providerIds.length).toBeGreaterThan(0);
    expect(new Set(providerIds).size).toBe(providerIds.length);
    expect(simulatorDefinitions.map((s) => s.id).sort()).toEqual([...providerIds].sort());
    expect(Object.keys(contractLines).sort()).toEqual([...providerIds].sort());
  });
});

for (const definition of providerDefinitions) describeProviderContract(definition);
