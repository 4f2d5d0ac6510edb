import type { SimServer } from '../../src/sandbox/server.js';
import type { TestTimers } from './timers.js';

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

/**
 * Requests on `route` (the next `times`, or all) reach the simulator and are never answered, and the
 * attempt's deadline passes as soon as each has arrived: a vendor that hangs, with no waiting on the clock.
 */
export function hangUntilDeadline(sim: SimServer, route: string, timers: TestTimers, times?: number): void {
  sim.fault({ route, kind: 'hang', arrived: () => timers.expire(), ...(times === undefined ? {} : { times }) });
}
