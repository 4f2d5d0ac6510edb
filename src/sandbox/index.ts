import { type ProviderId, providerDefinitions } from '../providers/registry.js';
import { simulatorDefinition } from './registry.js';
import type { Simulator, SimulatorOptions } from './types.js';

export interface Sandbox {
  simulators: Record<ProviderId, Simulator>;
  /**
   * Variables that point every provider at its simulator. They replace any real keys, so sandbox
   * mode can never spend real money.
   */
  env: Record<string, string>;
  /** Per provider, a reseller balance its seed data is below, for the demo alert rules. */
  demoBalanceBelow: ReadonlyArray<{ provider: ProviderId; amount: number }>;
  close(): Promise<void>;
}

/** Starts one simulator per registered provider, each on its own port of 127.0.0.1. */
export async function startSandbox(options: SimulatorOptions = {}): Promise<Sandbox> {
  const pairs = providerDefinitions.map((provider) => {
    const simulator = simulatorDefinition(provider.id);
    if (!simulator) throw new Error(`No simulator is registered for ${provider.id} (src/sandbox/registry.ts).`);
    return { provider, simulator };
  });
  const started = await Promise.all(pairs.map(({ simulator }) => simulator.start(options)));
  const simulators = {} as Record<ProviderId, Simulator>;
  const env: Record<string, string> = {};
  pairs.forEach(({ provider }, i) => {
    const sim = started[i] as Simulator;
    simulators[provider.id] = sim;
    env[provider.keyVariable] = sim.apiKey;
    env[provider.baseUrlVariable] = sim.baseUrl;
  });
  return {
    simulators,
    env,
    demoBalanceBelow: pairs.flatMap(({ provider, simulator }) =>
      simulator.demoBalanceBelow === undefined ? [] : [{ provider: provider.id, amount: simulator.demoBalanceBelow }],
    ),
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
