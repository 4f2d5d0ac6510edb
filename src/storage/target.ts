import { resolve } from 'node:path';

export interface StoreTarget {
  /** The embedded backend's directory (DATA_DIR). */
  dataDir: string;
  /** PostgreSQL instead of files (DATABASE_URL). */
  databaseUrl?: string | undefined;
}

/** The URL without its password, for messages and `doctor`. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString().replace(/:@/, '@');
  } catch {
    return 'the database in DATABASE_URL';
  }
}

/** Which backend a target names and where its data is, known without opening it. */
export function describeTarget(target: StoreTarget): { backend: 'files' | 'postgres'; location: string } {
  return target.databaseUrl
    ? { backend: 'postgres', location: describeDatabase(target.databaseUrl) }
    : { backend: 'files', location: resolve(target.dataDir) };
}
