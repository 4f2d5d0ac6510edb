import type { TestProject } from 'vitest/node';
import { startLocalPostgres } from '../../scripts/local-postgres.js';

/** A real PostgreSQL for the `*.pg.test.ts` files: started by the test run, stopped after (scripts/local-postgres.ts). */
declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startLocalPostgres();
  project.provide('postgresAdminUrl', server.url);
  return () => server.stop();
}
