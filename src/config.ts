import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import * as z from 'zod';
import { ConfigError } from './errors.js';
import { notifyEnvSchema } from './notify/settings.js';
import type { ProviderDefinition } from './providers/define.js';
import { type ProviderId, providerDefinitions } from './providers/registry.js';
import type { ProviderSettings } from './providers/settings.js';
import { hostTimeZone, isTimeZone } from './services/calendar.js';

/** Empty values in .env files mean "not set". */
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().optional(),
);
const idList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  z.array(z.string().regex(/^[A-Za-z0-9]+$/, { error: 'must be comma-separated user ids (letters and digits)' })),
);
const url = (fallback?: string) => {
  const base = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    fallback ? base.default(fallback) : base.optional(),
  );
};
const positiveInt = (fallback: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .positive()
      .default(fallback),
  );

const coreShape = {
  DATA_DIR: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().default('./data'),
  ),
  DATABASE_URL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .url({
        protocol: /^postgres(ql)?$/,
        error: 'must be a PostgreSQL URL: postgres://user:password@host:5432/database',
      })
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  OWNER_DISCORD_IDS: idList,
  OWNER_SLACK_IDS: idList,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: url('https://discord.com/api'),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_PORT: positiveInt(3000),
  SLACK_API_URL: url(),
  /** Per upstream request attempt. */
  PROVIDER_TIMEOUT_MS: positiveInt(15_000),
  TIMEZONE: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .refine(isTimeZone, {
        error: (issue) => `must be a time zone such as Europe/Madrid or UTC, not "${issue.input}"`,
      })
      .optional(),
  ),
};

function buildSchema() {
  let shape: z.ZodRawShape = { ...coreShape, ...notifyEnvSchema.shape };
  for (const definition of providerDefinitions) shape = { ...shape, ...definition.envSchema.shape };
  return z.object(shape);
}

/** The kind of token each Slack variable holds, by the prefix Slack gives each kind. */
const slackTokenKinds: Record<string, keyof typeof slackTokenPrefixes> = {
  SLACK_BOT_TOKEN: 'xoxb-',
  SLACK_APP_TOKEN: 'xapp-',
};
const slackTokenPrefixes = {
  'xoxb-': 'a bot token (OAuth & Permissions → Bot User OAuth Token)',
  'xapp-': 'an app-level token (Basic Information → App-Level Tokens)',
  'xoxp-': 'a user token',
  'xoxe.': 'a rotating token, which the bot cannot refresh',
} as const;

/** A token of the wrong kind, named by its prefix only (the prefix is no secret). */
function slackTokenProblem(name: string, token: string, wanted: keyof typeof slackTokenPrefixes): string | undefined {
  if (token.startsWith(wanted)) return undefined;
  const given = Object.entries(slackTokenPrefixes).find(([prefix]) => token.startsWith(prefix));
  return `${name} must be ${slackTokenPrefixes[wanted]}, starting with ${wanted}; ${
    given ? `this one starts with ${given[0]}, ${given[1]}` : `this one does not`
  }`;
}

/** Rules across variables; checked on the raw values so they are reported along with every other problem. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  if (set('DISCORD_TOKEN') && !set('DISCORD_APPLICATION_ID')) {
    problems.push('DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set');
  }
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_SIGNING_SECRET') && !set('SLACK_APP_TOKEN')) {
    problems.push(
      'SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is required when SLACK_BOT_TOKEN is set (HTTP mode or Socket Mode)',
    );
  }
  for (const [name, wanted] of Object.entries(slackTokenKinds)) {
    const problem = set(name) ? slackTokenProblem(name, String(env[name]).trim(), wanted) : undefined;
    if (problem) problems.push(problem);
  }
  if (set('ALERT_WEBHOOK_URL') && !set('ALERT_WEBHOOK_SECRET')) {
    problems.push('ALERT_WEBHOOK_SECRET is required when ALERT_WEBHOOK_URL is set (the receiver checks the signature)');
  }
  if ((set('SLACK_SIGNING_SECRET') || set('SLACK_APP_TOKEN')) && !set('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  }
  return problems;
}

export interface EnabledProvider {
  definition: ProviderDefinition<ProviderId>;
  settings: ProviderSettings;
}

export interface Config {
  dataDir: string;
  /** PostgreSQL instead of the files in `dataDir`. */
  databaseUrl?: string;
  logLevel: string;
  owners: { discord: string[]; slack: string[] };
  discord?: { token: string; applicationId: string; guildId?: string; apiUrl: string };
  slack?: { botToken: string; signingSecret?: string; appToken?: string; port: number; apiUrl?: string };
  providers: EnabledProvider[];
  providerTimeoutMs: number;
  /** The reseller's time zone: days are counted in its calendar days. The machine's when TIMEZONE is not set, looked up when first read. */
  readonly timeZone: string;
  /** The raw, validated variables, for features that read their own. */
  env: Record<string, unknown>;
}

export { ConfigError } from './errors.js';

/** Variables from `.env` in `cwd`, when the file exists; the real environment wins over it. */
export function readDotEnv(cwd = process.cwd()): Record<string, string> {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** Validates every variable at once and reports every bad one in one message. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Read once per process: zod's compiled fast path would cost more to build than it saves here.
  const parsed = buildSchema().safeParse(env, { jitless: true });
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`)),
    ...crossChecks(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data as Record<string, unknown> & z.infer<z.ZodObject<typeof coreShape>>;
  const providers: EnabledProvider[] = [];
  for (const definition of providerDefinitions) {
    const settings = definition.settingsFromEnv(e);
    if (settings) providers.push({ definition, settings: { timeoutMs: e.PROVIDER_TIMEOUT_MS, ...settings } });
  }
  return {
    dataDir: resolve(e.DATA_DIR),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    logLevel: e.LOG_LEVEL,
    owners: { discord: e.OWNER_DISCORD_IDS, slack: e.OWNER_SLACK_IDS },
    ...(e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
      ? {
          discord: {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
            apiUrl: String(e.DISCORD_API_URL),
          },
        }
      : {}),
    ...(e.SLACK_BOT_TOKEN
      ? {
          slack: {
            botToken: e.SLACK_BOT_TOKEN,
            ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            port: e.SLACK_PORT,
            ...(e.SLACK_API_URL ? { apiUrl: String(e.SLACK_API_URL) } : {}),
          },
        }
      : {}),
    providers,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    get timeZone() {
      return e.TIMEZONE ?? hostTimeZone();
    },
    env: e,
  };
}

/** Every variable name the schema reads (for docs and the .env.example check). */
export function configVariableNames(): string[] {
  return Object.keys(buildSchema().shape);
}
