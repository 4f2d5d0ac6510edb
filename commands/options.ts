import type { OptionSpec } from '../src/kit/options.js';
import { providerDefinitions, providerIds } from '../src/providers/registry.js';
import { amountUnitChoices } from '../src/services/units.js';

export const providerOption = {
  name: 'provider',
  type: 'choice',
  description: 'Upstream provider',
  required: true,
  choices: providerIds.map((id) => ({ name: id, value: id })),
} as const satisfies OptionSpec;

/** Where `<username>` means something else at a vendor (an order id), the description says so. */
const usernameHints = providerDefinitions.flatMap((d) =>
  d.usernameHint ? [`${d.displayName}: ${d.usernameHint}`] : [],
);

export const usernameOption = {
  name: 'username',
  type: 'string',
  description: usernameHints.length > 0 ? `Customer username (${usernameHints.join('; ')})` : 'Customer username',
  required: true,
  autocomplete: 'username',
  maxLength: 64,
} as const satisfies OptionSpec;

export const amountOption = {
  name: 'amount',
  type: 'number',
  description: "Amount in unit: (default: the provider's own unit)",
  required: true,
  min: 0,
} as const satisfies OptionSpec;

export const unitOption = {
  name: 'unit',
  type: 'choice',
  description: 'mb, gb or days (default: the provider’s unit)',
  choices: amountUnitChoices,
} as const satisfies OptionSpec;
