import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';

/**
 * A fresh, empty database per call on the test run's PostgreSQL (test/helpers/postgres-setup.ts),
 * dropped after the file's tests.
 */
export function useDatabases(): () => Promise<string> {
  const admin = inject('postgresAdminUrl');
  const made: string[] = [];
  afterAll(async () => {
    const sql = postgres(admin, { onnotice: () => undefined, max: 1 });
    for (const name of made) await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.end();
  });
  return async () => {
    const name = `ro_${randomBytes(6).toString('hex')}`;
    const sql = postgres(admin, { onnotice: () => undefined, max: 1 });
    await sql.unsafe(`create database ${name}`);
    await sql.end();
    made.push(name);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return url.toString();
  };
}
