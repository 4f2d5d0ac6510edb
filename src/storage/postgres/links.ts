import type postgres from 'postgres';
import { type CustomerLinks, type Link, sameUser } from '../links.js';

/** Customer links: one row per account, the link changed in one statement or one locked transaction. */
function row(sql: postgres.Sql | postgres.TransactionSql, link: Link) {
  return {
    provider: link.provider,
    username_key: link.username.toLowerCase(),
    platform: link.user.platform,
    user_id: link.user.id,
    body: sql.json(link as unknown as postgres.JSONValue),
  };
}

export function postgresLinks(sql: postgres.Sql): CustomerLinks {
  return {
    async list(filter = {}) {
      const rows = await sql`
        select body from customer_links
        where true
          ${filter.provider !== undefined ? sql`and provider = ${filter.provider}` : sql``}
          ${filter.user ? sql`and platform = ${filter.user.platform} and user_id = ${filter.user.id}` : sql``}
        order by provider, username_key`;
      return rows.map((r) => r.body as Link);
    },
    async get(provider, username) {
      const [found] = await sql`
        select body from customer_links where provider = ${provider} and username_key = ${username.toLowerCase()}`;
      return found?.body as Link | undefined;
    },
    async put(link, options = {}) {
      return sql.begin(async (tx) => {
        const inserted =
          await tx`insert into customer_links ${tx(row(sql, link))} on conflict do nothing returning provider`;
        if (inserted.length > 0) return { stored: true as const };
        const [current] = await tx`
          select body from customer_links
          where provider = ${link.provider} and username_key = ${link.username.toLowerCase()} for update`;
        const existing = current?.body as Link | undefined;
        if (existing && !sameUser(existing.user, link.user) && !options.replace) {
          return { stored: false as const, existing };
        }
        const next = row(sql, link);
        await tx`
          insert into customer_links ${tx(next)}
          on conflict (provider, username_key) do update
          set platform = excluded.platform, user_id = excluded.user_id, body = excluded.body`;
        return existing ? { stored: true as const, previous: existing } : { stored: true as const };
      });
    },
    async remove(provider, username) {
      const [gone] = await sql`
        delete from customer_links where provider = ${provider} and username_key = ${username.toLowerCase()}
        returning body`;
      return gone?.body as Link | undefined;
    },
  };
}
