import type { Store, StoreOptions } from '../../../src/storage/store.js';

/**
 * What the storage contract needs from a backend (like unstorage's testDriver): fresh, empty
 * locations, each opened as many times as a test likes — two opens of one location are two
 * processes sharing a store, as far as the contract can tell.
 */
export interface StoreLocation {
  open(options?: StoreOptions): Promise<Store>;
  /** Everything stored there, as text: secrets must never appear in it. */
  raw(): Promise<string>;
}

export interface StoreHarness {
  name: string;
  fresh(): Promise<StoreLocation>;
}

export const actor = { platform: 'discord', userId: 'u1', name: 'Ann' };

/** Opens stores and closes them after the test, whatever happens. */
export function opener(harness: StoreHarness) {
  const open: Store[] = [];
  return {
    async fresh(options: StoreOptions = {}) {
      const location = await harness.fresh();
      const store = await location.open(options);
      open.push(store);
      return { location, store };
    },
    async again(location: StoreLocation, options: StoreOptions = {}) {
      const store = await location.open(options);
      open.push(store);
      return store;
    },
    async closeAll() {
      await Promise.allSettled(open.splice(0).map((store) => store.close()));
    },
  };
}
