import type postgres from 'postgres';
import type { AccessGrants } from '../access.js';
import type { PendingConfirmation } from '../confirmations.js';
import { foldJournal, sortItems } from '../files/transfer.js';
import { recordsOf } from '../journal-records.js';
import type { CustomerLinks } from '../links.js';
import type { StoreTransfer } from '../transfer.js';
import type { PostgresJournal } from './journal.js';
import type { PostgresNotify } from './notify.js';
import type { PostgresAudit, PostgresRegistry } from './registry-audit.js';
import { confirmationRow } from './small.js';

/** Export and import for PostgreSQL: every table but the migrations', feature by feature. */
const tables = [
  'registry',
  'audit',
  'journal',
  'interaction_claims',
  'access_grants',
  'customer_links',
  'confirmations',
  'documents',
  'notify_fired',
  'notify_providers',
  'notify_outbox',
];

interface Parts {
  registry: PostgresRegistry;
  audit: PostgresAudit;
  journal: PostgresJournal;
  access: AccessGrants;
  links: CustomerLinks;
  notify: PostgresNotify;
}

export function postgresTransfer(sql: postgres.Sql, parts: Parts): StoreTransfer {
  return {
    async isEmpty() {
      for (const table of tables.filter((t) => t !== 'interaction_claims')) {
        const [row] = await sql`select exists (select 1 from ${sql(table)}) as any`;
        if (row?.any) return false;
      }
      return true;
    },
    async *dump() {
      for (const value of await parts.registry.all()) yield { kind: 'customer', value };
      for (const value of await parts.access.list()) yield { kind: 'grant', value };
      for (const value of await parts.links.list()) yield { kind: 'link', value };
      for (const row of await sql`select name, body from documents order by name`) {
        yield { kind: 'document', value: { name: row.name as string, body: row.body } };
      }
      const { state, outbox } = await parts.notify.all();
      yield { kind: 'notify-state', value: state };
      for (const value of outbox) yield { kind: 'outbox', value };
      for (const row of await sql`select body from confirmations order by id`) {
        yield { kind: 'confirmation', value: row.body as PendingConfirmation };
      }
      for (const entry of await parts.journal.all())
        for (const value of recordsOf(entry)) yield { kind: 'journal', value };
      for await (const value of parts.audit.all()) yield { kind: 'audit', value };
    },
    async clear() {
      await sql`truncate ${sql(tables)}`;
    },
    async load(items) {
      const sorted = sortItems(items);
      await parts.registry.load(sorted.customer);
      for (const grant of sorted.grant) await parts.access.put(grant);
      for (const link of sorted.link) await parts.links.put(link, { replace: true });
      for (const { name, body } of sorted.document) {
        await sql`insert into documents (name, body) values (${name}, ${sql.json(body as postgres.JSONValue)})
                  on conflict (name) do update set body = excluded.body`;
      }
      if (sorted.state.length > 0 || sorted.outbox.length > 0) {
        await parts.notify.load(sorted.state.at(-1) ?? { fired: {}, providers: {} }, sorted.outbox);
      }
      for (const confirmation of sorted.confirmation) {
        await sql`insert into confirmations ${sql(confirmationRow(sql, confirmation))} on conflict (id) do nothing`;
      }
      await parts.journal.load(foldJournal(sorted.journal));
      await parts.audit.load(sorted.audit);
    },
  };
}
