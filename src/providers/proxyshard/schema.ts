import * as z from 'zod';

/**
 * ProxyShard User API responses (the vendor's OpenAPI 3.0.3 file; docs/providers.md#proxyshard). Only the fields we use;
 * extra fields are tolerated. `user_id` stays a string: the spec types it so, and ids may exceed 2^53.
 */

/** Where `success` is present it must not be false; /me and a few others have none. */
const envelope = { success: z.boolean().optional() };

export const apiErrorSchema = z.object({ success: z.literal(false), message: z.string() });

export const meSchema = z.object({
  email: z.string(),
  active_orders: z.number().int(),
  /** "in cents" (ApiMeResponse). */
  wallet_balance: z.number().int(),
});

const amount = z.number().int().nonnegative();

export const subUserSchema = z.object({
  user_id: z.union([z.string().min(1), z.number().int().transform(String)]),
  first_name: z.string(),
  proxy_password: z.string(),
  data: amount,
  data_spent: amount,
  /** Only in the newer spec (1.1.0); computed from data − data_spent when absent. */
  data_remain: amount.optional(),
});
export type SubUser = z.output<typeof subUserSchema>;

/** The spec types these `data` fields as an array of sub-users; a bare object is tolerated too. */
const oneOrMany = z.union([z.array(subUserSchema), subUserSchema.transform((u) => [u])]);

export const subUserListSchema = z.object({
  ...envelope,
  data: z.array(subUserSchema),
  /** Total before pagination (newer spec); absent in 1.0.0, then pages are found by length. */
  count: z.number().int().nonnegative().optional(),
});

export const subUserReadSchema = z.object({ ...envelope, data: oneOrMany });

/** Password change: the new password may be top-level, in `data`, or only visible on a re-read. */
export const passwordChangeSchema = z.object({
  ...envelope,
  proxy_password: z.string().min(1).optional(),
  data: z
    .union([
      z.array(z.object({ proxy_password: z.string().min(1).optional() }).loose()),
      z.object({ proxy_password: z.string().min(1).optional() }).loose(),
      z.null(),
    ])
    .optional(),
});

export const plainSuccessSchema = z.object({ ...envelope }).loose();

const orderId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

export const orderListSchema = z.object({
  ...envelope,
  orders: z.array(
    z.object({
      order_id: orderId,
      product_name: z.string(),
      cycle_name: z.string().optional(),
      expires_at: z.string().nullable().optional(),
      auto_renewal: z.boolean().nullable().optional(),
      status: z.string().optional(),
      quantity: z.number().int().optional(),
    }),
  ),
  count: z.number().int().optional(),
  next: z.string().nullable().optional(),
});

export const orderSchema = z.object({
  ...envelope,
  order: z.object({
    order_id: orderId,
    product_name: z.string(),
    cycle_name: z.string().nullish(),
    quantity: z.number().int().nullish(),
    /** cents */
    price_paid: z.number().int().nullish(),
    /** cents */
    addons_price_paid: z.number().int().nullish(),
    status: z.string(),
    created_at: z.string().nullish(),
    expires_at: z.string().nullable().optional(),
    promo_code: z.string().nullish(),
    auto_renewal: z.boolean().nullable().optional(),
    tag: z.string().nullish(),
  }),
});
export type VendorOrder = z.output<typeof orderSchema>['order'];

export const productListSchema = z.object({
  ...envelope,
  products: z.array(
    z.object({
      name: z.string().min(1),
      description: z.string().nullish(),
      location: z.string().nullish(),
      cycles: z.array(z.string()),
    }),
  ),
});

/** A bare array (the General page shows an object, the spec and public clients an array). */
export const availableCountSchema = z.array(
  z.object({ country: z.string(), product: z.string(), amount: z.number().int() }),
);

/** GET /orders/calculate, in cents; `total_with_addons` only where add-ons were asked for. */
export const calculationSchema = z.object({
  original_price: z.number().int().nonnegative().nullish(),
  final_price: z.number().int().nonnegative(),
  discount_percent: z.number().nullish(),
  total_with_addons: z.number().int().nonnegative().nullish(),
});

/** Once `success` is true the money is spent: nothing else here may fail the call. */
export const paidSchema = z
  .object({ ...envelope, order_id: z.unknown().optional(), message: z.unknown().optional() })
  .loose();

export const cycleChangeSchema = z
  .object({
    ...envelope,
    final_price: z.unknown().optional(),
    original_price: z.unknown().optional(),
  })
  .loose();

export const activeProxiesSchema = z.object({
  ...envelope,
  data: z.array(
    z.object({
      ip: z.string().min(1),
      username: z.string(),
      password: z.string(),
      http_port: z.number().int().positive(),
      socks_port: z.number().int().positive(),
      until: z.string().optional(),
      status: z.string().optional(),
    }),
  ),
  order_tag: z.string().nullable().optional(),
});
