import { z } from 'zod';

/** `mentionable`: a user or (on Discord) a server role; in text, a mention or `discord:ID` / `slack:ID`. */
export type OptionType = 'string' | 'integer' | 'number' | 'boolean' | 'choice' | 'mentionable';

/** Local data the adapters can offer while the user types (Discord autocomplete, help). */
export type AutocompleteSource = 'provider' | 'username' | 'vpn-server' | 'vpn-port' | 'command' | 'chat-user';

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

/** Accepts typed values (Discord) and text (Slack, terminal) alike. */
function schemaOf(option: OptionSpec): z.ZodType {
  const label = `${option.name}:`;
  switch (option.type) {
    case 'integer':
    case 'number': {
      let n = z.number({ error: `${label} must be a number` });
      if (option.type === 'integer') n = n.int({ error: `${label} must be a whole number` });
      if (option.min !== undefined) n = n.min(option.min, { error: `${label} must be at least ${option.min}` });
      if (option.max !== undefined) n = n.max(option.max, { error: `${label} must be at most ${option.max}` });
      return z.preprocess((v) => {
        if (typeof v !== 'string') return v;
        const t = v.trim();
        return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : v;
      }, n);
    }
    case 'boolean':
      return z.preprocess(
        (v) => {
          if (typeof v !== 'string') return v;
          const t = v.toLowerCase();
          return truthy.has(t) ? true : falsy.has(t) ? false : v;
        },
        z.boolean({ error: `${label} must be yes or no` }),
      );
    case 'choice': {
      const values = (option.choices ?? []).map((c) => c.value);
      return z.preprocess(
        (v) => (typeof v === 'string' ? v.toLowerCase() : v),
        z.string().refine((v) => values.includes(v), { error: `${label} must be one of ${values.join(', ')}` }),
      );
    }
    default: {
      let s = z.string({ error: `${label} must be text` }).min(1, { error: `${label} cannot be empty` });
      if (option.maxLength !== undefined) {
        s = s.max(option.maxLength, { error: `${label} must be at most ${option.maxLength} characters` });
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
