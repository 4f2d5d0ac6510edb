import { UserInputError } from '../errors.js';
import type { OptionSpec } from '../kit/options.js';
import { providerIds } from '../providers/registry.js';
import { notifyAudiences, parseDayList, parseTrafficThresholds, type Rule, ruleTypes } from './rules.js';

/**
 * `/alerts rule add <type> [provider:] [threshold:] [days:] [amount:] [factor:] [window:] [min:]
 * [sweeps:] [hour:]` → a validated rule. An option that means nothing for the type is refused rather
 * than ignored, so nobody believes a rule does what it does not.
 */

export const ruleOptions = [
  {
    name: 'type',
    type: 'choice',
    description: 'What to watch',
    required: true,
    choices: ruleTypes.map((t) => ({ name: t, value: t })),
  },
  {
    name: 'provider',
    type: 'choice',
    description: 'One provider, or all (default)',
    choices: [{ name: 'all', value: 'all' }, ...providerIds.map((id) => ({ name: id, value: id }))],
  },
  {
    name: 'threshold',
    type: 'string',
    description: 'traffic-below: e.g. 20%,5%,0 or 500MB,1GB (default 20%,5%,0)',
    maxLength: 100,
  },
  { name: 'days', type: 'string', description: 'expires-within: e.g. 7,3,1 (default 3)', maxLength: 40 },
  {
    name: 'amount',
    type: 'number',
    description: "reseller-balance-below: in the provider's unit (MB, KB, USD…)",
    min: 0,
  },
  { name: 'factor', type: 'number', description: 'usage-spike: times the average (default 3)', min: 1.1, max: 100 },
  { name: 'window', type: 'integer', description: 'usage-spike: days averaged (default 7)', min: 3, max: 28 },
  { name: 'min', type: 'string', description: 'usage-spike: smallest day that counts (default 100MB)', maxLength: 20 },
  {
    name: 'sweeps',
    type: 'integer',
    description: 'provider-down: failed sweeps in a row (default 3)',
    min: 1,
    max: 100,
  },
  { name: 'hour', type: 'integer', description: 'daily-digest: UTC hour to send (default 9)', min: 0, max: 23 },
  {
    name: 'notify',
    type: 'choice',
    description: 'traffic-below, expires-within: staff (default), customer (linked customer by DM) or both',
    choices: notifyAudiences.map((a) => ({ name: a, value: a })),
  },
] as const satisfies readonly OptionSpec[];

export interface RuleArgs {
  type: string;
  provider?: string | undefined;
  threshold?: string | undefined;
  days?: string | undefined;
  amount?: number | undefined;
  factor?: number | undefined;
  window?: number | undefined;
  min?: string | undefined;
  sweeps?: number | undefined;
  hour?: number | undefined;
  notify?: string | undefined;
}

const allowed: Record<(typeof ruleTypes)[number], readonly (keyof RuleArgs)[]> = {
  'traffic-below': ['provider', 'threshold', 'notify'],
  'expires-within': ['provider', 'days', 'notify'],
  'reseller-balance-below': ['provider', 'amount'],
  'usage-spike': ['provider', 'factor', 'window', 'min'],
  'provider-down': ['provider', 'sweeps'],
  'daily-digest': ['hour'],
};

function minBytes(text: string | undefined): number {
  const [t] = parseTrafficThresholds(text ?? '100MB', 'min:');
  if (t?.kind !== 'bytes') throw new UserInputError(`min: is an amount such as 100MB or 1GB, not ${text}.`);
  return t.value;
}

export function buildRule(args: RuleArgs, meta: { id: string; createdAt: string; createdBy: string }): Rule {
  const type = args.type as (typeof ruleTypes)[number];
  const extra = (Object.keys(args) as (keyof RuleArgs)[]).filter(
    (k) => k !== 'type' && args[k] !== undefined && !allowed[type].includes(k),
  );
  if (extra.length > 0) {
    throw new UserInputError(
      `${extra.map((k) => `${k}:`).join(' ')} ${extra.length === 1 ? 'does' : 'do'} not apply to ${type}.`,
      { hint: `${type} takes ${allowed[type].map((k) => `${k}:`).join(' ')}` },
    );
  }
  const provider = (args.provider ?? 'all') as 'all' | (typeof providerIds)[number];
  const notify = args.notify && args.notify !== 'staff' ? { notify: args.notify as 'customer' | 'both' } : {};
  switch (type) {
    case 'traffic-below':
      return { ...meta, type, provider, thresholds: parseTrafficThresholds(args.threshold ?? '20%,5%,0'), ...notify };
    case 'expires-within':
      return { ...meta, type, provider, days: parseDayList(args.days ?? '3'), ...notify };
    case 'reseller-balance-below':
      if (provider === 'all') {
        throw new UserInputError('reseller-balance-below needs one provider: each counts in its own unit.', {
          hint: `e.g. /alerts rule add reseller-balance-below provider:${providerIds[0]} amount:100`,
        });
      }
      if (args.amount === undefined)
        throw new UserInputError("reseller-balance-below needs amount: (in the provider's unit).");
      return { ...meta, type, provider, amount: args.amount };
    case 'usage-spike':
      return {
        ...meta,
        type,
        provider,
        factor: args.factor ?? 3,
        windowDays: args.window ?? 7,
        minBytes: minBytes(args.min),
      };
    case 'provider-down':
      return { ...meta, type, provider, sweeps: args.sweeps ?? 3 };
    case 'daily-digest':
      return { ...meta, type, hour: args.hour ?? 9 };
  }
}
