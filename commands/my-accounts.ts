import { type Reply, type ReplyFile, reply } from '../src/kit/reply.js';
import type { CommandContext } from '../src/runtime/context.js';
import { describeExpiry } from '../src/services/calendar.js';
import { accountRef } from '../src/services/links.js';
import { formatBytes, inUnit } from '../src/services/units.js';
import { chartUnit } from '../src/services/usage.js';
import type { Link } from '../src/storage/store.js';

interface AccountView {
  provider: string;
  username: string;
  status?: string;
  remainingBytes?: number;
  expiresAt?: string | null;
  /** Why the account could not be read now (the provider's trouble, never another customer's). */
  unavailable?: string;
}

async function view(ctx: CommandContext, link: Link): Promise<AccountView> {
  const base = { provider: link.provider, username: link.username };
  try {
    const { customer } = await ctx.services.customers.info(link.provider, link.username);
    return {
      ...base,
      status: customer.status,
      ...(customer.remainingBytes !== undefined ? { remainingBytes: customer.remainingBytes } : {}),
      ...(customer.expiresAt !== undefined ? { expiresAt: customer.expiresAt } : {}),
    };
  } catch {
    return { ...base, unavailable: 'could not be read right now; try again in a few minutes' };
  }
}

function describe(ctx: CommandContext, a: AccountView): string {
  if (a.unavailable) return `${accountRef(a)} — ${a.unavailable}`;
  const parts = [a.status ?? 'unknown'];
  if (a.remainingBytes !== undefined) parts.push(`${formatBytes(a.remainingBytes)} left`);
  if (typeof a.expiresAt === 'string')
    parts.push(`expires ${describeExpiry(a.expiresAt, ctx.now(), ctx.services.timeZone)}`);
  else if (a.expiresAt === null) parts.push('renews on its own');
  return `${accountRef(a)} — ${parts.join(' · ')}`;
}

/** A small bar chart of the traffic left on each account that has a traffic balance. */
async function trafficChart(accounts: readonly AccountView[]): Promise<ReplyFile | undefined> {
  const shown = accounts.filter((a) => a.remainingBytes !== undefined);
  if (shown.length === 0) return undefined;
  // The chart library is large: load it on the first chart, not at start-up.
  const { renderBarChartPng } = await import('../src/images/chart.js');
  const unit = chartUnit(shown.map((a) => ({ date: '', bytes: a.remainingBytes as number })));
  const png = await renderBarChartPng(
    {
      title: 'Traffic left',
      labels: shown.map((a) => a.username),
      values: shown.map((a) => inUnit(a.remainingBytes as number, unit)),
      unit,
    },
    { width: 480, height: 240 },
  );
  return { name: 'my-accounts.png', contentType: 'image/png', data: png };
}

/** `/my accounts`: each linked account with its status, traffic left or expiry, and a small chart. */
export async function accountsReply(ctx: CommandContext, links: readonly Link[]): Promise<Reply> {
  const accounts = await Promise.all(links.map((link) => view(ctx, link)));
  const chart = await trafficChart(accounts);
  return reply({
    title: links.length === 1 ? 'Your account' : 'Your accounts',
    visibility: 'private',
    tone: 'info',
    text: accounts.map((a) => describe(ctx, a)).join('\n'),
    files: chart ? [chart] : [],
    data: { accounts },
  });
}
