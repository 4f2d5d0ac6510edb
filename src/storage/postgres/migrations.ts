import type postgres from 'postgres';
import { StorageError } from '../errors.js';
import { lockSpace } from './locks.js';

/**
 * The schema, as numbered migrations applied in order on start. One process at a time migrates
 * (an advisory lock inside the migrating transaction); each migration runs once and is recorded in
 * `schema_migrations`. A database migrated by a newer resellerops is refused, not downgraded.
 */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'features of the store',
    sql: `
      create table registry (
        provider text not null,
        username_key text not null,
        record jsonb not null,
        primary key (provider, username_key)
      );
      create table audit (
        seq bigserial primary key,
        actor_id text not null,
        provider text,
        target_key text,
        entry jsonb not null
      );
      create table journal (
        id text primary key,
        interaction_id text not null unique,
        provider text not null,
        target_key text not null,
        status text not null,
        resolved boolean not null default false,
        at text not null,
        settled_at text,
        owner_session text,
        entry jsonb not null
      );
      create index journal_open on journal (provider, target_key) where status in ('started', 'outcome_unknown');
      create table interaction_claims (id text primary key, claimed_at text not null);
      create table access_grants (
        platform text not null,
        kind text not null,
        grantee_id text not null,
        seq bigserial,
        body jsonb not null,
        primary key (platform, kind, grantee_id)
      );
      create table confirmations (id text primary key, state text not null, done_at text not null, body jsonb not null);
      create table documents (name text primary key, body jsonb not null);
      create table notify_fired (key text primary key, value jsonb not null);
      create table notify_providers (id text primary key, health jsonb not null);
      create table notify_outbox (
        id text primary key,
        seq bigserial,
        platform text not null,
        status text not null,
        next_attempt_at text not null,
        claimed_until text,
        done_at text,
        entry jsonb not null
      );
      create index notify_outbox_due on notify_outbox (next_attempt_at, seq) where status = 'pending';
    `,
  },
  {
    version: 2,
    name: 'customer links',
    sql: `
      create table customer_links (
        provider text not null,
        username_key text not null,
        platform text not null,
        user_id text not null,
        body jsonb not null,
        primary key (provider, username_key)
      );
      create index customer_links_user on customer_links (platform, user_id);
    `,
  },
];

export async function migrate(sql: postgres.Sql, where: string): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${lockSpace.migrations}, 0)`;
    await tx.unsafe(
      'create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set((await tx`select version from schema_migrations`).map((row) => Number(row.version)));
    const newest = Math.max(0, ...done);
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new StorageError(
        where,
        `The database ${where} was migrated by a newer resellerops (schema ${newest}; this version knows up to ${known}).`,
        { hint: 'Run the newer resellerops, or restore a backup made by this version.' },
      );
    }
    let applied = 0;
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.unsafe(migration.sql);
      await tx`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`;
      applied++;
    }
    return applied;
  });
}
