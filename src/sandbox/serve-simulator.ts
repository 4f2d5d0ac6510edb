import { createSimServer, type SimHandler, type SimServer } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';

/** A simulator's options with every default filled in; the key is `sandbox-<id>-key` unless one is given. */
export function simulatorDefaults(id: string, options: SimulatorOptions) {
  return {
    apiKey: options.apiKey ?? `sandbox-${id}-key`,
    now: options.now ?? (() => new Date()),
    seed: options.seed !== false,
    extraCustomers: options.extraCustomers ?? 0,
  };
}

export interface SimulatorSetup<State> {
  apiKey: string;
  state: State;
  /** The vendor's own answer to a path it does not have. */
  notFound: SimHandler;
  /** The path of the vendor's base URL (`/v2`); absent where the vendor base is a bare origin. */
  basePath?: string;
  /**
   * Registers the vendor's routes. The server is already listening, so `baseUrl` is known: some vendors
   * put links to themselves in their answers.
   */
  routes(server: SimServer, baseUrl: string): void;
}

/** A running simulator and its state, which tests read and change directly. */
export type ServedSimulator<State> = Simulator & { readonly state: State };

/**
 * Starts a simulator's server on a free port of 127.0.0.1 with the vendor's routes. Its `baseUrl` is the
 * server's address plus the vendor's base path, so it replaces the vendor base exactly.
 */
export async function serveSimulator<State>(setup: SimulatorSetup<State>): Promise<ServedSimulator<State>> {
  const server = createSimServer({ notFound: setup.notFound });
  const baseUrl = `${await server.listen()}${setup.basePath ?? ''}`;
  setup.routes(server, baseUrl);
  return { server, baseUrl, apiKey: setup.apiKey, state: setup.state, close: () => server.close() };
}
