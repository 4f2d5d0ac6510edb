import type postgres from 'postgres';
import { type AuditEntry, type AuditLog, auditLine } from '../audit.js';
import { type CustomerRecord, type Registry, upserted } from '../registry.js';

/** The registry (one row per customer) and the audit log (one row per entry, newest found by its sequence). */
export interface PostgresRegistry extends Registry {
  all(): Promise<CustomerRecord[]>;
  load(records: readonly CustomerRecord[]): Promise<void>;
}

const json = (sql: postgres.Sql, value: unknown) => sql.json(value as postgres.JSONValue);

export function postgresRegistry(sql: postgres.Sql, now: () => Date): PostgresRegistry {
  const keyOf = (username: string) => username.toLowerCase();
  const rowOf = (record: CustomerRecord) => ({
    provider: record.provider,
    username_key: keyOf(record.username),
    record: json(sql, record),
  });
  return {
    async get(provider, username) {
      const [row] =
        await sql`select record from registry where provider = ${provider} and username_key = ${keyOf(username)}`;
      return row?.record as CustomerRecord | undefined;
    },
    async list(filter = {}) {
      const rows = await sql`
        select record from registry
        where true
          ${filter.provider !== undefined ? sql`and provider = ${filter.provider}` : sql``}
          ${filter.prefix !== undefined ? sql`and starts_with(username_key, ${filter.prefix.toLowerCase()})` : sql``}
          ${
            filter.owner
              ? sql`and record->'ownerChatUser'->>'platform' = ${filter.owner.platform}
                    and record->'ownerChatUser'->>'userId' = ${filter.owner.userId}`
              : sql``
          }
        order by provider collate "C", username_key collate "C"
        ${filter.limit !== undefined ? sql`limit ${Math.max(0, filter.limit)}` : sql``}`;
      return rows.map((row) => row.record as CustomerRecord);
    },
    async upsert(input) {
      const at = now().toISOString();
      const fresh = upserted(undefined, input, at);
      const inserted = await sql`insert into registry ${sql(rowOf(fresh))} on conflict do nothing returning provider`;
      if (inserted.length > 0) return { record: fresh, created: true };
      return sql.begin(async (tx) => {
        const [row] = await tx`
          select record from registry where provider = ${input.provider} and username_key = ${keyOf(input.username)} for update`;
        const record = upserted(row?.record as CustomerRecord | undefined, input, at);
        await tx`insert into registry ${tx(rowOf(record))} on conflict (provider, username_key) do update set record = excluded.record`;
        return { record, created: row === undefined };
      });
    },
    async remove(provider, username) {
      const gone =
        await sql`delete from registry where provider = ${provider} and username_key = ${keyOf(username)} returning provider`;
      return gone.length > 0;
    },
    async count(provider) {
      const [row] = await sql`
        select count(*)::int as n from registry ${provider !== undefined ? sql`where provider = ${provider}` : sql``}`;
      return Number(row?.n ?? 0);
    },
    async all() {
      return (await sql`select record from registry order by provider collate "C", username_key collate "C"`).map(
        (row) => row.record as CustomerRecord,
      );
    },
    async load(records) {
      for (let i = 0; i < records.length; i += 1_000) {
        await sql`insert into registry ${sql(records.slice(i, i + 1_000).map(rowOf))} on conflict (provider, username_key) do update set record = excluded.record`;
      }
    },
  };
}

export interface PostgresAudit extends AuditLog {
  all(): AsyncGenerator<AuditEntry>;
  load(entries: readonly AuditEntry[]): Promise<void>;
}

export function postgresAudit(sql: postgres.Sql, now: () => Date): PostgresAudit {
  const rowOf = (entry: AuditEntry) => ({
    actor_id: entry.actor.userId,
    provider: entry.provider ?? null,
    target_key: entry.target?.toLowerCase() ?? null,
    entry: json(sql, entry),
  });
  return {
    async append(entry, options = {}) {
      const line = auditLine(entry, now, options.secrets);
      await sql`insert into audit ${sql(rowOf(line))}`;
      return line;
    },
    async recent(query = {}) {
      const limit = query.limit ?? 20;
      if (limit <= 0) return [];
      const name = query.actorName?.toLowerCase();
      const rows = await sql`
        select entry from audit
        where true
          ${query.actorId !== undefined ? sql`and actor_id = ${query.actorId}` : sql``}
          ${
            name !== undefined
              ? sql`and (lower(actor_id) = ${name} or lower(entry->'actor'->>'name') = ${name})`
              : sql``
          }
          ${query.platform !== undefined ? sql`and entry->>'platform' = ${query.platform}` : sql``}
          ${query.provider !== undefined ? sql`and provider = ${query.provider}` : sql``}
          ${query.target !== undefined ? sql`and target_key = ${query.target.toLowerCase()}` : sql``}
        order by seq desc
        limit ${limit}`;
      return rows.map((row) => row.entry as AuditEntry);
    },
    async *all() {
      for await (const rows of sql`select entry from audit order by seq`.cursor(1_000)) {
        for (const row of rows) yield row.entry as AuditEntry;
      }
    },
    async load(entries) {
      for (let i = 0; i < entries.length; i += 1_000) {
        await sql`insert into audit ${sql(entries.slice(i, i + 1_000).map(rowOf))}`;
      }
    },
  };
}
