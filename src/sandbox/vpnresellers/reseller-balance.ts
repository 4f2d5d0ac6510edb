import { type Api, ok } from './api.js';
import type { VpnResellersState } from './state.js';

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The profile shows the balance as a decimal string ("253.70"). */
export function resellerBalanceRoutes(api: Api, state: VpnResellersState): void {
  api.route('GET', '/profile', () => ok({ balance: formatCents(state.balanceCents) }));
}
