import type { Provider } from '../src/providers/types.js';

const columns: Array<[string, (p: Provider) => boolean]> = [
  ['create', (p) => Boolean(p.customers?.create)],
  ['enable/disable', (p) => Boolean(p.customers?.enable)],
  ['delete', (p) => Boolean(p.customers?.delete)],
  ['balance', (p) => Boolean(p.balance)],
  ['password', (p) => Boolean(p.passwords)],
  ['config', (p) => Boolean(p.proxyConfig || p.vpnConfig)],
  ['usage', (p) => Boolean(p.usage)],
];

/** SPEC's table, from what the configured providers really implement ("—" = not offered upstream). */
export function capabilityTable(providers: readonly Provider[]): string {
  if (providers.length === 0) return 'No provider is configured (set a key, or start with --sandbox).';
  return providers
    .map((p) => {
      const unit = p.balance ? ` (balance in ${p.balance.displayUnit}${p.balance.remove ? '' : ', add only'})` : '';
      return `${p.id}: ${columns.map(([name, has]) => `${name} ${has(p) ? '✓' : '—'}`).join(', ')}${unit}`;
    })
    .join('\n');
}
