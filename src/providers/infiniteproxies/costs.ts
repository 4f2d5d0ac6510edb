import type { Cost } from '../order-types.js';
import { MB } from '../units.js';
import type { Client } from './client.js';
import { mbToBytes } from './rules.js';
import { meSchema } from './schema.js';

/**
 * Adding balance and creating a customer take MB off the reseller's own residential balance (@me), so
 * the question can say how much is left after.
 */
export async function residentialCost(client: Client, mb: number, what: string): Promise<Cost> {
  const amount = { kind: 'traffic' as const, bytes: mbToBytes(mb), displayUnit: 'MB' as const };
  const balances = await client.call({ method: 'GET', path: '/@me', what: 'reseller account' }, meSchema);
  const residential = balances.find((b) => b.label === 'Residential');
  if (residential?.kind !== 'traffic') return { known: true, amount, from: 'Residential balance' };
  return {
    known: true,
    amount,
    balance: { kind: 'traffic', bytes: residential.bytes, displayUnit: 'MB' },
    balanceAfter: { kind: 'traffic', bytes: residential.bytes - mb * MB, displayUnit: 'MB' },
    from: 'Residential balance',
    note: what,
  };
}
