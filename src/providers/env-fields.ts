import * as z from 'zod';
import { parseGateway } from './gateways.js';

/** A variable that may be absent or empty (empty means unset), trimmed. */
export const optionalEnvText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** `<ID>_BASE_URL`: http(s) only, so a typo cannot send keys somewhere odd. */
export function optionalBaseUrl(example: string) {
  return optionalEnvText.refine((v) => v === undefined || (URL.canParse(v) && /^https?:\/\//.test(v)), {
    message: `must be an http(s) URL, e.g. ${example}`,
  });
}

/** One provider variable: how `.env.example` and `doctor` describe it, and how it is validated. */
export interface EnvField<T = unknown> {
  description: string;
  /** The documented default, when there is one. */
  default?: string;
  secret?: boolean;
  schema: z.ZodType<T>;
}

export type EnvValues<Fields extends Record<string, EnvField>> = {
  [K in keyof Fields]: Fields[K] extends EnvField<infer T> ? T : never;
};

/** The provider's key: setting it enables the provider. */
export function keyField(description: string): EnvField<string | undefined> {
  return { description, secret: true, schema: optionalEnvText };
}

export function baseUrlField(description: string, vendorBaseUrl: string): EnvField<string | undefined> {
  return { description, default: vendorBaseUrl, schema: optionalBaseUrl(vendorBaseUrl) };
}

/** Free text, optionally held to a rule (`message` completes "VARIABLE …"). */
export function textField(
  description: string,
  options: { default?: string; check?: (value: string) => boolean; message?: string } = {},
): EnvField<string | undefined> {
  const { check, message } = options;
  return {
    description,
    ...(options.default === undefined ? {} : { default: options.default }),
    schema: check ? optionalEnvText.refine((v) => v === undefined || check(v), { message }) : optionalEnvText,
  };
}

/** `host:port` of a proxy gateway. */
export function gatewayField(description: string, options: { default?: string; example: string }) {
  return textField(description, {
    ...(options.default === undefined ? {} : { default: options.default }),
    check: (v) => parseGateway(v) !== undefined,
    message: `must be host:port, e.g. ${options.example}`,
  });
}

export function integerField(
  description: string,
  options: { default: number; min: number; max: number },
): EnvField<number | undefined> {
  return {
    description,
    default: String(options.default),
    schema: optionalEnvText
      .transform((v) => (v === undefined ? undefined : Number(v)))
      .pipe(z.number().int().min(options.min).max(options.max).optional()),
  };
}

export function choiceField<const T extends readonly [string, ...string[]]>(
  description: string,
  choices: T,
  defaultValue: T[number],
): EnvField<T[number] | undefined> {
  return { description, default: defaultValue, schema: optionalEnvText.pipe(z.enum(choices).optional()) };
}
