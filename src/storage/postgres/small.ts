import type postgres from 'postgres';
import type * as z from 'zod';
import type { AccessGrants, Grant } from '../access.js';
import type { ConfirmationStore, PendingConfirmation } from '../confirmations.js';
import {
  checkDocumentName,
  type DeepReadonly,
  type DocumentHandle,
  type Documents,
  formatIssues,
} from '../documents.js';
import { StorageError } from '../errors.js';
import type { InteractionClaims } from '../interactions.js';

/** Interaction claims, role grants, confirmations and small documents: one row each, changed in one statement or transaction. */
const json = (sql: postgres.Sql | postgres.TransactionSql, value: unknown) => sql.json(value as postgres.JSONValue);

export function postgresClaims(sql: postgres.Sql, now: () => Date): InteractionClaims {
  return {
    async claim(id) {
      const won = await sql`
        insert into interaction_claims (id, claimed_at) values (${id}, ${now().toISOString()})
        on conflict do nothing returning id`;
      return won.length > 0;
    },
  };
}

export function postgresAccess(sql: postgres.Sql): AccessGrants {
  return {
    async list() {
      return (await sql`select body from access_grants order by seq`).map((row) => row.body as Grant);
    },
    async put(grant) {
      const { platform, kind, id } = grant.grantee;
      await sql.begin(async (tx) => {
        await tx`delete from access_grants where platform = ${platform} and kind = ${kind} and grantee_id = ${id}`;
        await tx`insert into access_grants ${tx({ platform, kind, grantee_id: id, body: json(tx, grant) })}`;
      });
    },
    async remove(grantee) {
      const gone = await sql`
        delete from access_grants
        where platform = ${grantee.platform} and kind = ${grantee.kind} and grantee_id = ${grantee.id}
        returning seq`;
      return gone.length > 0;
    },
  };
}

export function postgresConfirmations(sql: postgres.Sql): ConfirmationStore {
  return {
    async add(confirmation) {
      await sql`insert into confirmations ${sql(confirmationRow(sql, confirmation))}`;
    },
    async get(id) {
      const [row] = await sql`select body from confirmations where id = ${id}`;
      return row?.body as PendingConfirmation | undefined;
    },
    async settle(id, state, at) {
      const [won] = await sql`
        update confirmations
        set state = ${state}, done_at = ${at},
            body = body || jsonb_build_object('state', ${state}::text, 'answeredAt', ${at}::text)
        where id = ${id} and state = 'pending'
        returning body`;
      if (won) return { settled: true, confirmation: won.body as PendingConfirmation };
      const [row] = await sql`select body from confirmations where id = ${id}`;
      return { settled: false, confirmation: row?.body as PendingConfirmation | undefined };
    },
  };
}

export function confirmationRow(sql: postgres.Sql, confirmation: PendingConfirmation) {
  const doneAt =
    confirmation.state === 'pending' ? confirmation.expiresAt : (confirmation.answeredAt ?? confirmation.createdAt);
  return { id: confirmation.id, state: confirmation.state, done_at: doneAt, body: json(sql, confirmation) };
}

export function postgresDocuments(sql: postgres.Sql, where: string): Documents {
  return {
    async open<T>(name: string, schema: z.ZodType<T>, defaults: T): Promise<DocumentHandle<T>> {
      checkDocumentName(name);
      await sql`insert into documents (name, body) values (${name}, ${json(sql, schema.parse(structuredClone(defaults)))}) on conflict do nothing`;
      const valid = (body: unknown): T => {
        const parsed = schema.safeParse(body);
        if (!parsed.success) {
          throw new StorageError(
            where,
            `Document '${name}' in ${where} does not have the expected shape: ${formatIssues(parsed.error)}.`,
          );
        }
        return parsed.data;
      };
      return {
        async read() {
          const [row] = await sql`select body from documents where name = ${name}`;
          return valid(row?.body ?? defaults) as DeepReadonly<T>;
        },
        update<R>(fn: (draft: T) => R): Promise<R> {
          return sql
            .begin(async (tx) => {
              const [row] = await tx`select body from documents where name = ${name} for update`;
              const draft = structuredClone(valid(row?.body ?? defaults));
              const result = fn(draft);
              const parsed = schema.safeParse(draft);
              if (!parsed.success) {
                throw new StorageError(
                  where,
                  `Refusing to store document '${name}': the change would make it invalid: ${formatIssues(parsed.error)}.`,
                );
              }
              await tx`insert into documents (name, body) values (${name}, ${json(tx, parsed.data)})
                     on conflict (name) do update set body = excluded.body`;
              return { result };
            })
            .then((done) => done.result as R);
        },
      };
    },
  };
}
