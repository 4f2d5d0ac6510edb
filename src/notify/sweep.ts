import pLimit from 'p-limit';
import { AppError, ProviderError } from '../errors.js';
import type { Customer, DailyUsage, Order, Provider, ResellerBalance } from '../providers/types.js';

/**
 * One provider's part of a sweep: what to read (decided from the rules), read through one
 * concurrency limiter, errors sorted into "the provider is down", "it asks us to slow down" and "this
 * one customer is gone". Lists come from list endpoints (`customers.listAll`, `orders.list`,
 * `resellerBalance.get`); only usage histories are read per customer, because no vendor lists them.
 */

export interface SweepPlan {
  customers: boolean;
  balance: boolean;
  /** Read orders too when the provider has them and its customers carry no expiry of their own. */
  orders: boolean;
  /** Which customers' usage history to read, once the list is known. */
  usage?: (customers: readonly Customer[]) => Array<{ username: string; days: number }>;
  /** Nothing else is read but health matters: one cheap authenticated request. */
  ping: boolean;
}

export interface ProviderFailure {
  code: string;
  message: string;
  /** The vendor rejected the key: down at once, whatever the streak. */
  auth: boolean;
}

export interface ProviderObservation {
  provider: Provider;
  /** Set when the provider could not be read this sweep. */
  failure?: ProviderFailure;
  /** Set when it answered rate_limited (after the HTTP client's own Retry-After retries). */
  rateLimited?: { message: string; retryAfterMs?: number };
  customers?: Customer[];
  orders?: Order[];
  balances?: ResellerBalance[];
  /** username → daily usage, oldest first, for the customers whose history was read. */
  usage: Map<string, DailyUsage[]>;
  /** Usage histories wanted but not read (rate limit, failure). */
  usageMissed: number;
  /** Capability calls made (a paged list is one call of several requests). */
  calls: number;
  durationMs: number;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export async function sweepProvider(
  provider: Provider,
  plan: SweepPlan,
  options: { concurrency: number; now: () => number; onInternalError?: (error: unknown) => void },
): Promise<ProviderObservation> {
  const started = options.now();
  const limit = pLimit(options.concurrency);
  const out: ProviderObservation = { provider, usage: new Map(), usageMissed: 0, calls: 0, durationMs: 0 };
  /** After a rate limit or a failure nothing more is asked of this provider in this sweep. */
  let stopped = false;

  const stop = (error: unknown) => {
    if (error instanceof ProviderError && error.kind === 'rate_limited') {
      out.rateLimited ??= {
        message: error.message,
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      };
    } else {
      if (!(error instanceof AppError)) options.onInternalError?.(error);
      out.failure ??= { ...describe(error), auth: error instanceof ProviderError && error.kind === 'auth' };
    }
    stopped = true;
  };

  /** A list-level read: any error means this provider is not readable now. */
  const read = <T>(fn: () => Promise<T>): Promise<T | undefined> =>
    limit(async () => {
      if (stopped) return undefined;
      out.calls += 1;
      try {
        return await fn();
      } catch (error) {
        stop(error);
        return undefined;
      }
    });

  const customersCap = provider.customers;
  const [customers, balances] = await Promise.all([
    plan.customers && customersCap ? read(() => customersCap.listAll()) : undefined,
    plan.balance && provider.resellerBalance ? read(() => provider.resellerBalance!.get()) : undefined,
  ]);
  if (customers) out.customers = customers;
  if (balances) out.balances = balances;

  const ordersCap = provider.orders;
  const wantOrders =
    plan.orders && ordersCap && !stopped && !(customers ?? []).some((c) => typeof c.expiresAt === 'string');
  const usageCap = provider.usage;
  const targets = usageCap && customers && plan.usage ? plan.usage(customers) : [];
  const byName = new Map((customers ?? []).map((c) => [c.username, c]));

  await Promise.all([
    wantOrders
      ? read(() => ordersCap.listAll({ status: 'active' })).then((orders) => {
          if (orders) out.orders = orders;
        })
      : undefined,
    ...targets.map(({ username, days }) =>
      limit(async () => {
        if (stopped) {
          out.usageMissed += 1;
          return;
        }
        out.calls += 1;
        try {
          const known = byName.get(username);
          const report = await usageCap!.report(username, { days, ...(known ? { customer: known } : {}) });
          out.usage.set(username, report.days);
        } catch (error) {
          // A customer deleted since the list is that customer's business, not the provider's health.
          const perCustomer =
            error instanceof ProviderError && (error.kind === 'not_found' || error.kind === 'rejected');
          if (!perCustomer) stop(error);
          out.usageMissed += 1;
        }
      }),
    ),
  ]);

  const readSomething = plan.customers || plan.balance || wantOrders || targets.length > 0;
  if (plan.ping && !readSomething && !stopped) await read(() => provider.ping());
  out.durationMs = options.now() - started;
  return out;
}
