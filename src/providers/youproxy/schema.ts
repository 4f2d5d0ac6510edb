import * as z from 'zod';
import { proxyTypes } from './rules.js';

/**
 * Youproxy responses, only the fields we read. Every body is `{ success, …, error }` with HTTP 200;
 * `client.ts` settles `success`/`error` before any of these schemas runs.
 */

/** Ids run to ~19 digits, past 2^53: kept as strings; a small id sent as a JSON number is accepted too. */
const vendorId = z.union([
  z.string().regex(/^\d{1,40}$/, 'expected a numeric id'),
  z
    .number()
    .int()
    .nonnegative()
    .transform((n) => String(n)),
]);

const vendorDateTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * Dates are undocumented. ISO 8601 is read as is; "YYYY-MM-DD HH:mm:ss" without a zone is taken as UTC
 * (the server's clock is unknown, and UTC keeps the reading independent of where the bot runs).
 */
export function parseVendorDate(text: string): string | undefined {
  const naive = vendorDateTime.exec(text.trim());
  const ms = naive ? Date.parse(`${naive[1]}T${naive[2]}Z`) : Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const isoDate = z.string().transform((text, ctx) => {
  const iso = parseVendorDate(text);
  if (iso === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a date: ${text.slice(0, 40)}` });
    return z.NEVER;
  }
  return iso;
});

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined));

export const vendorErrorSchema = z.object({ code: z.number().int(), message: z.string() });
export type VendorError = z.output<typeof vendorErrorSchema>;

export const balanceSchema = z.object({
  balance: z.number().finite(),
  currencyCode: z.string().regex(/^[A-Za-z]{3}$/, 'expected a currency code'),
});

export const rentPeriodSchema = z.object({
  rentPeriodDays: z.array(z.number().int().positive()),
});

/**
 * One entry of GET /ipAddress — the page could not be recovered, so this is docs/providers.md#youproxy's
 * working assumption. Only this schema knows the shape: when the live answer is seen, change it here.
 * `protocol` and `authType` are read when present (they exist on the order form).
 */
export const ipAddressSchema = z.object({
  ipAddressId: vendorId,
  orderId: vendorId,
  orderNumber: optionalText,
  proxyType: z.enum(proxyTypes),
  ip: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65535).nullish(),
  login: optionalText,
  password: optionalText,
  protocol: optionalText,
  authType: optionalText,
  country: optionalText,
  dateStart: isoDate.nullish(),
  dateEnd: isoDate,
  autoExtend: z.boolean().nullish(),
});
export type YouproxyIp = z.output<typeof ipAddressSchema>;

export const ipAddressListSchema = z.object({ ipAddresses: z.array(ipAddressSchema) });

/** The list endpoints' shapes were not recovered (docs/providers.md#youproxy): read leniently, in one place. */
export const proxyTypeListSchema = z.object({
  proxyTypes: z.array(z.union([z.string(), z.object({ proxyType: z.string() }).transform((t) => t.proxyType)])),
});

const countryCode = z.string().regex(/^[A-Za-z]{3}$/, 'expected an alpha-3 country code');
export const countryListSchema = z.object({
  countries: z.array(
    z.union([
      countryCode.transform((code) => ({ code: code.toUpperCase(), name: undefined })),
      z
        .object({ code: countryCode.optional(), alpha3: countryCode.optional(), name: optionalText })
        .refine((c) => c.code ?? c.alpha3, 'expected a country code')
        .transform((c) => ({ code: (c.code ?? c.alpha3 ?? '').toUpperCase(), name: c.name })),
    ]),
  ),
});

export const mobileOperatorListSchema = z.object({
  mobileOperators: z.array(
    z.object({
      tag: z.string().min(1),
      name: optionalText,
      country: optionalText,
      rotationTimes: z.array(z.number().int().nonnegative()).nullish(),
    }),
  ),
});

export const promoCodeListSchema = z.object({
  promoCodes: z.array(
    z.object({
      code: z.string().min(1),
      discount: z.number().nullish(),
      endDate: z.string().nullish(),
      endless: z.boolean().nullish(),
      descriptionsByLocale: z.record(z.string(), z.string()).nullish(),
    }),
  ),
});

const warning = z.object({ code: z.number().int(), message: z.string() });

/** `/calculate/*`: the price and the balance as USD floats; a short balance is a warning (code 16). */
export const calculationSchema = z.object({
  price: z.number().finite().nonnegative(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  balance: z.number().finite().nullish(),
  discount: z.number().nullish(),
  promoCodeStatus: z.string().nullish(),
  warnings: z.array(warning).nullish(),
});

/**
 * POST /order and /extend/*: once `success` is true the money is spent, so nothing here may fail the
 * call; every field is optional and what is missing is found out another way.
 */
export const paidAnswerSchema = z.object({
  orderNumber: z.unknown().optional(),
  balance: z.unknown().optional(),
  currency: z.unknown().optional(),
  promoCodeStatus: z.unknown().optional(),
});

/** Ids as JSON numbers would lose digits in JSON.parse, so the raw text quotes them before parsing. */
export function quoteLongIds(text: string): string {
  return text.replace(/("(?:orderId|ipAddressId|id)"\s*:\s*)(\d{16,})(?=\s*[,}\]])/g, '$1"$2"');
}
