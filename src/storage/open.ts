import { openFileStore } from './files/store.js';
import type { Store, StoreOptions } from './store.js';

export interface StoreTarget {
  /** The embedded backend's directory (DATA_DIR). */
  dataDir: string;
  /** PostgreSQL instead of files (DATABASE_URL). */
  databaseUrl?: string | undefined;
}

/** The store the configuration asks for: PostgreSQL when a database URL is set, else files in `dataDir`. */
export async function openStore(target: StoreTarget | string, options: StoreOptions = {}): Promise<Store> {
  const where = typeof target === 'string' ? { dataDir: target } : target;
  if (where.databaseUrl) {
    // Loaded only when used: the files backend never loads the database driver.
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore(where.databaseUrl, options);
  }
  return openFileStore(where.dataDir, options);
}
