/**
 * What the simulated Youproxy sells. Rent periods for IPv4/IPv6/MOBILE are the vendor's documented
 * lists; ISP's list and every price are invented (plausible, stable numbers).
 */

import { type ProxyType, proxyTypes } from '../../providers/youproxy/rules.js';

export { proxyTypes };
export type SimProxyType = ProxyType;

export const isProxyType = (value: unknown): value is SimProxyType =>
  typeof value === 'string' && (proxyTypes as readonly string[]).includes(value);

export const rentPeriods: Record<SimProxyType, number[]> = {
  IPv4: [30, 60, 90, 180, 360],
  IPv6: [90, 180, 360],
  MOBILE: [30, 360],
  ISP: [30, 60, 90],
};

/** USD cents per IP per 30 days. */
export const monthlyCents: Record<SimProxyType, number> = { IPv4: 180, IPv6: 25, MOBILE: 1200, ISP: 290 };

/** Longer rentals are cheaper per day. */
const periodDiscountPct = (days: number) => (days >= 360 ? 20 : days >= 180 ? 12 : days >= 90 ? 5 : 0);

export function priceCents(proxyType: SimProxyType, quantity: number, days: number, promoPct = 0): number {
  const base = (monthlyCents[proxyType] * quantity * days) / 30;
  const afterPeriod = base * (1 - periodDiscountPct(days) / 100);
  return Math.round(afterPeriod * (1 - promoPct / 100));
}

export const countries: Record<SimProxyType, Array<{ code: string; name: string }>> = {
  IPv4: [
    { code: 'USA', name: 'United States' },
    { code: 'DEU', name: 'Germany' },
    { code: 'GBR', name: 'United Kingdom' },
    { code: 'NLD', name: 'Netherlands' },
    { code: 'FRA', name: 'France' },
  ],
  IPv6: [
    { code: 'USA', name: 'United States' },
    { code: 'DEU', name: 'Germany' },
  ],
  MOBILE: [
    { code: 'USA', name: 'United States' },
    { code: 'GBR', name: 'United Kingdom' },
  ],
  ISP: [
    { code: 'USA', name: 'United States' },
    { code: 'DEU', name: 'Germany' },
    { code: 'GBR', name: 'United Kingdom' },
  ],
};

/** Invented shape: the "Mobile operator" page could not be recovered. Rotation times are in seconds. */
export const mobileOperators = [
  { tag: 'verizon', name: 'Verizon', country: 'USA', rotationTimes: [0, 300, 600, 1800] },
  { tag: 't-mobile', name: 'T-Mobile', country: 'USA', rotationTimes: [0, 300, 900] },
  { tag: 'vodafone', name: 'Vodafone', country: 'GBR', rotationTimes: [0, 600, 1800] },
];

export const promoCodes = [
  {
    code: 'WELCOME10',
    countUses: 1,
    startDate: '2025-01-01',
    endDate: null,
    endless: true,
    discount: 10,
    descriptionsByLocale: { en: '10% off your first order' },
  },
  {
    code: 'SUMMER24',
    countUses: 1,
    startDate: '2024-06-01',
    endDate: '2024-08-31',
    endless: false,
    discount: 15,
    descriptionsByLocale: { en: '15% off, summer 2024 (expired)' },
  },
  {
    code: 'BLACKFRIDAY25',
    countUses: 3,
    startDate: '2026-11-20',
    endDate: '2026-11-30',
    endless: false,
    discount: 25,
    descriptionsByLocale: { en: '25% off during Black Friday week' },
  },
];
