import type { SimServer } from './server.js';

export interface SimulatorOptions {
  /** The key the simulator accepts; requests with any other key get the vendor's auth error. */
  apiKey?: string;
  /** The simulator's clock, for usage history and expiry dates. */
  now?: () => Date;
  /** Seed believable customers, usage, servers and orders (default true). */
  seed?: boolean;
  /** Extra generated customers on top of the seed, for benchmarks. */
  extraCustomers?: number;
}

/** A running vendor simulator. `baseUrl` replaces the vendor base exactly as `<ID>_BASE_URL` would. */
export interface Simulator {
  readonly server: SimServer;
  readonly baseUrl: string;
  readonly apiKey: string;
  close(): Promise<void>;
}
