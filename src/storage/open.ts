import { openFileStore } from './files/store.js';
import type { Store, StoreOptions } from './store.js';

export interface StoreTarget {
  /** The embedded backend's directory (DATA_DIR). */
  dataDir: string;
}

/** The store the configuration asks for: files in `dataDir`. */
export async function openStore(target: StoreTarget | string, options: StoreOptions = {}): Promise<Store> {
  const where = typeof target === 'string' ? { dataDir: target } : target;
  return openFileStore(where.dataDir, options);
}
