import { z } from 'zod';
import { KB } from '../units.js';

/**
 * ProxyLite response shapes, only the fields we use. Units are converted here: traffic counters come in
 * KB (usage_flow, flow, summary fields), limits in whole GB, both decimal.
 */

/** `code` is a number in every example; a numeric string is tolerated in case a gateway re-encodes it. */
const code = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** `{code, msg|message, data}`; `ErrorResponse` adds `errors`. */
export const envelopeSchema = z.object({
  code,
  msg: z.string().nullish(),
  message: z.string().nullish(),
  /** Absent from ErrorResponse; zod 4 requires a bare z.unknown() key to be present. */
  data: z.unknown().optional(),
  errors: z.unknown().optional(),
});
export type Envelope = z.output<typeof envelopeSchema>;

const kilobytes = z
  .number()
  .nonnegative()
  .transform((kb) => Math.round(kb * KB));

/** One whitelist (proxy) account. `password` is a secret: it never leaves `proxies()`. */
export const accountSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  username: z.string().min(1),
  password: z.string().nullish(),
  created_at: z.string().nullish(),
  remark: z.string().nullish(),
  product_type: z.number().int().nullish(),
  usage_flow: z.number().nonnegative(),
  /** GB; 0 means no limit. */
  limit_flow: z.number().int().nonnegative(),
  status: z.union([z.literal(0), z.literal(1)]),
});
export type VendorAccount = z.output<typeof accountSchema>;

export const accountListSchema = z.object({
  list: z
    .array(accountSchema)
    .nullable()
    .transform((list) => list ?? []),
});

export const usageSchema = z.object({
  list: z
    .array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}/), flow: kilobytes }))
    .nullable()
    .transform((list) => list ?? []),
});

/**
 * `effective` is the "effective remaining amount": in the doc's example it is exactly
 * effective_total − effective_used, so it is what the reseller can still hand out.
 */
export const summarySchema = z.object({
  total_count: z.number().int().nonnegative(),
  effective: kilobytes,
  effective_total: kilobytes.optional(),
  effective_used: kilobytes.optional(),
  temporary: kilobytes.optional(),
  expired: kilobytes.optional(),
});
export type Summary = z.output<typeof summarySchema>;
