import * as z from 'zod';
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

const money = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
const optionalNumber = money.nullish();

/** One package of /end-point/product; prices are floats in three currencies. */
export const productSchema = z.object({
  id: z.number().int(),
  title: z.string().nullish(),
  type: z.number().int(),
  show_type: z.number().int().nullish(),
  status: z.number().int().nullish(),
  usd_price: optionalNumber,
  local_price: optionalNumber,
  preferred_currency: z.string().nullish(),
  flow_value: optionalNumber,
  time_days: z.number().int().nullish(),
  total_count: z.number().int().nullish(),
  remain_count: z.number().int().nullish(),
  extension_of_time_days: z.array(z.number().int()).nullish(),
  parent_product_type: z.number().int().nullish(),
  desc: z.object({ subtitle: z.string().nullish() }).loose().nullish(),
});
export type VendorProduct = z.output<typeof productSchema>;

/** `data` is the array itself. */
export const productListSchema = z
  .array(productSchema)
  .nullable()
  .transform((list) => list ?? []);

export const staticRegionSchema = z.object({
  list: z
    .array(z.object({ code: z.string().min(1), number: z.number().int().nonnegative() }))
    .nullable()
    .transform((list) => list ?? []),
});

export const paymentGroupsSchema = z.object({
  list: z.array(
    z.object({
      name: z.string().nullish(),
      items: z.array(
        z.object({
          id: z.number().int(),
          title: z.string().nullish(),
          group: z.string().nullish(),
          disabled: z.boolean().nullish(),
        }),
      ),
    }),
  ),
});

export const orderCheckSchema = z.object({
  product_id: z.number().int().nullish(),
  amount: z.number().nullish(),
  discount_fee: optionalNumber,
  total_fee: optionalNumber,
  pay_fee: money,
  title: z.string().nullish(),
  ip_result: z.array(z.object({ ip: z.string().nullish(), renewal_time: z.string().nullish() }).loose()).nullish(),
});

/** An order as /order/list and /order/create show it. */
export const vendorOrderSchema = z.object({
  id: z.number().int().nullish(),
  trade_no: z.string().min(1),
  product_id: z.number().int().nullish(),
  product_type: z.number().int().nullish(),
  amount: z.number().nullish(),
  pay_fee: optionalNumber,
  status: z.number().int().nullish(),
  title: z.string().nullish(),
  region_desc: z.string().nullish(),
  created_at: z.string().nullish(),
  pay_at: z.string().nullish(),
});
export type VendorOrder = z.output<typeof vendorOrderSchema>;

export const orderListSchema = z.object({
  list: z
    .array(vendorOrderSchema)
    .nullable()
    .transform((list) => list ?? []),
  pagination: z.object({ total_pages: z.number().int().nonnegative() }).loose().nullish(),
});

/** One purchased package of /user-product/list (a static IP, or a traffic package). */
export const userProductListSchema = z.object({
  list: z
    .array(
      z.object({
        id: z.number().int(),
        expired_at: z.string().nullish(),
        product_type: z.number().int().nullish(),
        trade_no: z.string().nullish(),
      }),
    )
    .nullable()
    .transform((list) => list ?? []),
  total_page: z.number().int().nonnegative().nullish(),
});
export type UserProduct = z.output<typeof userProductListSchema>['list'][number];
