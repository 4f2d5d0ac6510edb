import * as z from 'zod';
import { ConfigError } from '../errors.js';

/**
 * The notifier's variables. src/config.ts does not know them yet (its schema drops unknown keys), so
 * they are read here from a plain env record: `app.config.env` once the lead adds them to the config
 * schema, or `{ ...readDotEnv(), ...process.env }` until then.
 */
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const positiveInt = (fallback: number, max: number) =>
  z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

export const notifyEnvSchema = z
  .object({
    NOTIFY_ENABLED: z.preprocess((v) => {
      const t = typeof v === 'string' ? v.trim().toLowerCase() : v;
      return t === undefined || t === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(t));
    }, z.boolean().default(true)),
    NOTIFY_INTERVAL_MINUTES: positiveInt(15, 24 * 60),
    NOTIFY_CONCURRENCY: positiveInt(8, 64),
    ALERT_WEBHOOK_URL: z.preprocess(
      blankIsUnset,
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    ),
    ALERT_WEBHOOK_SECRET: z.preprocess(
      blankIsUnset,
      z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.ALERT_WEBHOOK_URL && !env.ALERT_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALERT_WEBHOOK_SECRET'],
        message: 'is required when ALERT_WEBHOOK_URL is set (the receiver checks the signature)',
      });
    }
  });

export interface NotifySettings {
  enabled: boolean;
  intervalMs: number;
  concurrency: number;
  webhook?: { url: string; secret: string };
}

/** Variables for .env.example and doctor, with defaults. */
export const notifyEnvVars = [
  { name: 'NOTIFY_ENABLED', description: 'Run the notifier inside `resellerops start`.', default: 'true' },
  { name: 'NOTIFY_INTERVAL_MINUTES', description: 'Minutes between sweeps of every provider.', default: '15' },
  { name: 'NOTIFY_CONCURRENCY', description: 'Requests in flight per provider during a sweep.', default: '8' },
  { name: 'ALERT_WEBHOOK_URL', description: 'Optional: also POST every alert as signed JSON to this URL.' },
  {
    name: 'ALERT_WEBHOOK_SECRET',
    description: 'HMAC-SHA256 key for X-Resellerops-Signature (16+ characters); required with the URL.',
    secret: true,
  },
] as const;

/** Throws a ConfigError naming every bad variable (as loadConfig does). */
export function notifySettingsFrom(env: Record<string, unknown>): NotifySettings {
  const parsed = notifyEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`));
  }
  const e = parsed.data;
  return {
    enabled: e.NOTIFY_ENABLED,
    intervalMs: e.NOTIFY_INTERVAL_MINUTES * 60_000,
    concurrency: e.NOTIFY_CONCURRENCY,
    ...(e.ALERT_WEBHOOK_URL && e.ALERT_WEBHOOK_SECRET
      ? { webhook: { url: e.ALERT_WEBHOOK_URL, secret: e.ALERT_WEBHOOK_SECRET } }
      : {}),
  };
}
