import type { SimServer } from '../../src/sandbox/server.js';

/**
 * Holds a simulator's next answer on `route` until the returned function is called: a provider as
 * slow as a test needs, with no waiting on the clock. The request itself is logged when it arrives.
 */
export function holdNext(sim: SimServer, route: string): () => void {
  let release!: () => void;
  const until = new Promise<void>((resolve) => {
    release = resolve;
  });
  sim.fault({ route, kind: 'hold', until, times: 1 });
  return release;
}
