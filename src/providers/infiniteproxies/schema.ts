import * as z from 'zod';
import type { Customer, DailyUsage, ResellerBalance } from '../types.js';
import { mbToBytes } from './rules.js';

/**
 * The vendor's bodies, only the fields we use. Every 2xx and error body is wrapped in
 * `{ status: { code, message }, payload }`; error bodies carry only `status`.
 */
export const envelopeSchema = z.object({
  status: z.object({ code: z.number().int(), message: z.string().optional() }),
  payload: z.unknown().optional(),
});

/** Documented as integer MB; tolerate a float or a numeric string rather than fail a whole list. */
const mb = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const username = z.string().min(1);

/**
 * A customer as the vendor reports it. `balance` is labelled "GB balance" in the docs, yet
 * add/remove take MB and the examples go 100 → 150 → 100 after adding 50: we read it as MB
 * (docs/providers.md#infiniteproxies). The proxy password is kept apart so that a Customer never holds it.
 */
export const customerSchema = z
  .object({ username, proxy_password: z.string().min(1).optional(), balance: mb })
  .transform((c) => ({ customer: toCustomer(c.username, c.balance), proxyPassword: c.proxy_password }));

export function toCustomer(name: string, balanceMb: number): Customer {
  return { username: name, status: 'active', remainingBytes: mbToBytes(balanceMb) };
}

export const customersSchema = z.object({ users: z.array(customerSchema) });

/** add_balance / remove_balance answer with the customer's new balance. */
export const balanceChangeSchema = z
  .object({ username, balance: mb })
  .transform((c) => toCustomer(c.username, c.balance));

/** create and reset_password answer with the (new) proxy password. */
export const credentialsSchema = z.object({ username, proxy_password: z.string().min(1) });

export const meSchema = z
  .object({ username: z.string().optional(), balanceResidential: mb, balanceMobile: mb })
  .transform((me): ResellerBalance[] => [
    { label: 'Residential', kind: 'traffic', bytes: mbToBytes(me.balanceResidential), displayUnit: 'MB' },
    { label: 'Mobile', kind: 'traffic', bytes: mbToBytes(me.balanceMobile), displayUnit: 'MB' },
  ]);

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The schema says `payload.consumption{date: MB}`, the example puts the dates straight under
 * `payload`: accept both, keeping only date keys.
 */
function dailyMap(payload: unknown): unknown {
  if (!isObject(payload)) return payload;
  const source = isObject(payload.consumption) ? payload.consumption : payload;
  return Object.fromEntries(Object.entries(source).filter(([key]) => isoDate.test(key)));
}

export const transactionsSchema = z.preprocess(dailyMap, z.record(z.string(), mb)).transform((days): DailyUsage[] =>
  Object.entries(days)
    // The keys are ISO dates (dailyMap), so code-unit order is date order, without localeCompare's cost.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, used]) => ({ date, bytes: mbToBytes(used) })),
);
