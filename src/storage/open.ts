import type { Store, StoreOptions } from './store.js';
import type { StoreTarget } from './target.js';

export type { StoreTarget } from './target.js';

/** The store the configuration asks for: PostgreSQL when a database URL is set, else files in `dataDir`. */
export async function openStore(target: StoreTarget | string, options: StoreOptions = {}): Promise<Store> {
  const where = typeof target === 'string' ? { dataDir: target } : target;
  // Each backend's code is loaded only when it is opened: the files backend never loads the database
  // driver, and a command that never opens the store (see open-when-used.ts) loads neither.
  if (where.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore(where.databaseUrl, options);
  }
  const { openFileStore } = await import('./files/store.js');
  return openFileStore(where.dataDir, options);
}
