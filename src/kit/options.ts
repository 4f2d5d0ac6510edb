import * as z from 'zod';
import { echo, echoLimit, shownNumber } from './echo.js';

/** `mentionable`: a user or (on Discord) a server role; in text, a mention or `discord:ID` / `slack:ID`. */
export type OptionType = 'string' | 'integer' | 'number' | 'boolean' | 'choice' | 'mentionable';

/** How a user is written in text (`discord:ID`, `discord-role:ID`, `slack:ID`; audit also shows `terminal:NAME`). */
export const mentionPrefixes = ['discord', 'discord-role', 'slack', 'terminal'] as const;

/** `slack:U123` in a command line is a user, not the option `slack:`. */
export function isMentionPrefix(name: string): boolean {
  return (mentionPrefixes as readonly string[]).includes(name.toLowerCase());
}

/** Local data the adapters can offer while the user types (Discord autocomplete, help). */
export type AutocompleteSource =
  | 'provider'
  | 'username'
  | 'vpn-server'
  | 'vpn-port'
  | 'command'
  | 'chat-user'
  | 'order'
  | 'order-product'
  | 'order-country'
  | 'order-period'
  | 'order-operator';

export interface Choice {
  name: string;
  value: string;
}

export interface OptionSpec {
  name: string;
  type: OptionType;
  description: string;
  required?: boolean;
  /** An optional option that may also be given by position, after the required ones (`/help [command]`). */
  positional?: boolean;
  /** The last positional takes every remaining word (`/help balance add`). */
  rest?: boolean;
  /** For `choice` options. */
  choices?: readonly Choice[];
  autocomplete?: AutocompleteSource;
  min?: number;
  max?: number;
  maxLength?: number;
  /** The value is secret (a chosen password): adapters never echo it. */
  secret?: boolean;
}

export type OptionValue<O extends OptionSpec> = O['type'] extends 'integer' | 'number'
  ? number
  : O['type'] extends 'boolean'
    ? boolean
    : string;

export type ArgsOf<Opts extends readonly OptionSpec[]> = {
  [O in Opts[number] as O['name']]: O extends { required: true } ? OptionValue<O> : OptionValue<O> | undefined;
};

const truthy = new Set(['true', 'yes', 'y', '1', 'on']);
const falsy = new Set(['false', 'no', 'n', '0', 'off']);
/** Digits with an optional sign, decimals and exponent: `10`, `-1`, `2.5`, `.5`, `1e22`. */
const numeral = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Every message names the option, what would be right, and what was given instead. */
function numberSchema(option: OptionSpec, label: string): z.ZodType {
  return z.unknown().transform((input, ctx) => {
    const raw = typeof input === 'string' ? input.trim() : input;
    const typed = typeof raw === 'string' && numeral.test(raw);
    const n = typeof raw === 'number' ? raw : typed ? Number(raw) : Number.NaN;
    // What was typed, as typed: `99999999999999999999`, not the float it rounds to.
    const given = typed ? (raw.length > echoLimit ? `${raw.slice(0, echoLimit)}…` : raw) : echo(raw);
    const refuse = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (typed && !Number.isFinite(n)) return refuse(`${label} ${given} is too large to count with`);
    if (!Number.isFinite(n)) return refuse(`${label} must be a number, not ${given}`);
    if (option.type === 'integer') {
      if (!Number.isInteger(n)) return refuse(`${label} must be a whole number, not ${given}`);
      const most = option.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isSafeInteger(n)) return refuse(`${label} ${given} is too large: at most ${shownNumber(most)}`);
    }
    if (option.min !== undefined && n < option.min)
      return refuse(`${label} must be at least ${option.min}, not ${given}`);
    if (option.max !== undefined && n > option.max)
      return refuse(`${label} must be at most ${option.max}, not ${given}`);
    return n;
  });
}

/** Accepts typed values (Discord) and text (Slack, terminal) alike. A secret's value is never repeated. */
function schemaOf(option: OptionSpec): z.ZodType {
  const label = `${option.name}:`;
  switch (option.type) {
    case 'integer':
    case 'number':
      return numberSchema(option, label);
    case 'boolean':
      return z.preprocess(
        (v) => {
          if (typeof v !== 'string') return v;
          const t = v.toLowerCase();
          return truthy.has(t) ? true : falsy.has(t) ? false : v;
        },
        z.boolean({ error: (issue) => `${label} must be yes or no, not ${echo(issue.input)}` }),
      );
    case 'choice': {
      const values = (option.choices ?? []).map((c) => c.value);
      return z.preprocess(
        (v) => (typeof v === 'string' ? v.toLowerCase() : v),
        z.string().refine((v) => values.includes(v), {
          error: (issue) => `${label} must be one of ${values.join(', ')}, not ${echo(issue.input)}`,
        }),
      );
    }
    default: {
      let s = z.string({ error: `${label} must be text` }).min(1, { error: `${label} cannot be empty` });
      if (option.maxLength !== undefined) {
        const max = option.maxLength;
        s = s.max(max, {
          error: (issue) =>
            `${label} must be at most ${max} characters${option.secret ? '' : `, not ${[...String(issue.input)].length}`}`,
        });
      }
      return s;
    }
  }
}

/** The zod validation for a set of option specs; unknown keys are refused. Missing ones are caught earlier, with the usage line. */
export function optionsSchema(options: readonly OptionSpec[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const option of options) {
    const base = schemaOf(option);
    shape[option.name] = option.required ? base : base.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
}
