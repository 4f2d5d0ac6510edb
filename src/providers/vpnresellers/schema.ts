import * as z from 'zod';
import type { Customer, VpnPort, VpnServer } from '../types.js';

/**
 * VPNresellers v4.1 response shapes (Laravel resources). Only the fields we use are read; extra fields
 * are tolerated. `wg_private_key` is deliberately never read here: it is a secret and must not reach a
 * Customer (it only travels inside a WireGuard config file).
 */

const vendorId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

/** "Y-m-d H:i:s" with no zone; the docs do not say which, so we read it as UTC. */
const vendorTimestamp = z
  .string()
  .nullish()
  .transform((value) => {
    if (!value) return undefined;
    const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(value);
    const iso = match ? `${match[1]}T${match[2]}Z` : value;
    return Number.isNaN(Date.parse(iso)) ? undefined : new Date(iso).toISOString();
  });

/** `expired_at`: an ISO instant, or null when the account renews automatically. */
const expiry = z
  .string()
  .nullable()
  .refine((value) => value === null || !Number.isNaN(Date.parse(value)), 'not a date')
  .transform((value) => (value === null ? null : new Date(value).toISOString()));

export const accountSchema = z.object({
  id: vendorId,
  username: z.string().min(1),
  status: z.string(),
  wg_ip: z.string().nullish(),
  wg_public_key: z.string().nullish(),
  // Absent and null both mean "no fixed expiry" as far as the docs show.
  expired_at: expiry.optional().transform((value) => value ?? null),
  updated: vendorTimestamp,
  created: vendorTimestamp,
});
export type Account = z.output<typeof accountSchema>;

export function toCustomer(account: Account): Customer {
  const active = account.status.toLowerCase() === 'active';
  return {
    username: account.username,
    id: account.id,
    status: active ? 'active' : 'disabled',
    expiresAt: account.expired_at,
    ...(account.created ? { createdAt: account.created } : {}),
    extra: {
      autoRenewal: account.expired_at === null,
      ...(account.status !== 'Active' && account.status !== 'Disabled' ? { vendorStatus: account.status } : {}),
      ...(account.wg_ip ? { wireguardIp: account.wg_ip } : {}),
      ...(account.updated ? { updatedAt: account.updated } : {}),
    },
  };
}

export const accountEnvelope = z.object({ data: accountSchema });

export const accountPage = z.object({
  data: z.array(accountSchema),
  meta: z.object({
    current_page: z.coerce.number().int().positive(),
    last_page: z.coerce.number().int().nonnegative(),
    total: z.coerce.number().int().nonnegative().optional(),
  }),
});
export type AccountPage = z.output<typeof accountPage>;

export const serversEnvelope = z.object({
  data: z.array(
    z
      .object({
        id: vendorId,
        name: z.string(),
        ip: z.string().nullish(),
        country_code: z.string().nullish(),
        city: z.string().nullish(),
      })
      .transform(
        (s): VpnServer => ({
          id: s.id,
          name: s.name,
          ...(s.country_code ? { countryCode: s.country_code } : {}),
          ...(s.city ? { city: s.city } : {}),
          ...(s.ip ? { ip: s.ip } : {}),
        }),
      ),
  ),
});

export const portsEnvelope = z.object({
  data: z.array(
    z
      .object({
        id: vendorId,
        protocol: z.string(),
        number: z.coerce.number().int().min(1).max(65535),
        // The docs show 1/0; a boolean is read the same way.
        default: z.union([z.boolean(), z.number()]).optional(),
      })
      .transform(
        (p): VpnPort => ({
          id: p.id,
          protocol: p.protocol.toLowerCase(),
          number: p.number,
          isDefault: Boolean(p.default),
        }),
      ),
  ),
});

export const configEnvelope = z.object({
  data: z.object({ content: z.string().min(1), name: z.string().min(1) }),
});

/** The docs show the balance as a string ("253.70"); a plain number is read the same way. */
export const profileEnvelope = z.object({
  data: z.object({
    balance: z.union([
      z
        .string()
        .trim()
        .regex(/^-?\d+(\.\d+)?$/),
      z.number().finite(),
    ]),
  }),
});

/** Laravel's error body: `message`, and for 422 `errors: {field: [messages]}`. */
export const errorBody = z.object({
  message: z.string().optional(),
  errors: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
});
