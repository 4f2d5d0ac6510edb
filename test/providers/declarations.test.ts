import { describe, expect, it } from 'vitest';
import { requiredMethods } from '../../src/providers/lazy-provider.js';
import { providerDefinitions } from '../../src/providers/registry.js';
import type { CapabilityName } from '../../src/providers/types.js';

/**
 * Each provider's index.ts declares its capabilities (facts, constants, optional methods) so that the
 * bot can use a provider before its implementation is loaded. The declarations must say what the
 * implementation builds: the same capabilities, the same methods, and no constants of its own.
 */
describe.each(
  providerDefinitions.map((d) => [d.id, d] as const),
)('%s declares what its implementation builds', (_, definition) => {
  const settings = definition.settingsFromEnv({ [definition.keyVariable]: 'declared-key' });
  if (!settings) throw new Error(`${definition.id} did not take its key`);
  const declared = Object.keys(definition.capabilities).filter(
    (name) => definition.capabilities[name as CapabilityName] !== undefined,
  ) as CapabilityName[];

  it('the same capabilities', async () => {
    const runtime = (await definition.implementation()).default(settings);
    expect([...runtime.capabilityNames].sort()).toEqual([...declared].sort());
  });

  it('each capability with the declared methods and only methods', async () => {
    const runtime = (await definition.implementation()).default(settings);
    for (const name of declared) {
      const built = runtime.capability(name) as Record<string, unknown>;
      const methods = Object.keys(built).filter((key) => typeof built[key] === 'function');
      const others = Object.keys(built).filter((key) => typeof built[key] !== 'function');
      expect({ name, methods: methods.sort(), others }).toEqual({
        name,
        methods: [...requiredMethods[name], ...(definition.capabilities[name]?.has ?? [])].sort(),
        others: [],
      });
    }
  });

  it('a created provider offers the declared capabilities, constants and methods before anything loads', () => {
    const provider = definition.create(settings) as unknown as Record<string, Record<string, unknown> | undefined>;
    for (const name of Object.keys(requiredMethods) as CapabilityName[]) {
      const declaration = definition.capabilities[name];
      const capability = provider[name];
      if (!declaration) {
        expect({ name, capability }).toEqual({ name, capability: undefined });
        continue;
      }
      const constants = (declaration as { constants?: Record<string, unknown> }).constants ?? {};
      expect(Object.fromEntries(Object.keys(constants).map((k) => [k, capability?.[k]]))).toEqual(constants);
      for (const method of [...requiredMethods[name], ...(declaration.has ?? [])]) {
        expect({ name, method, type: typeof capability?.[method] }).toEqual({ name, method, type: 'function' });
      }
    }
  });
});
