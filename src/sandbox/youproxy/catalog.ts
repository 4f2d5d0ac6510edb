/**
 * What the simulated Youproxy sells. Rent periods for IPv4/IPv6/MOBILE are the vendor's documented
 * lists; ISP's list and every price are invented (plausible, stable numbers).
 */

export const proxyTypes = ['IPv4', 'IPv6', 'MOBILE', 'ISP'] as const;
export type SimProxyType = (typeof proxyTypes)[number];

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

/**
 * Error texts. 2, 4, 8, 13, 14 and 16 are the vendor's wording; the others are English renderings of a
 * public client's translation table (provider-notes 5.4).
 */
export const errors = {
  apiKey: { code: 2, message: 'Error api key' },
  unavailable: { code: 3, message: 'Service temporarily unavailable' },
  proxyType: { code: 4, message: 'Incorrect proxy type' },
  country: { code: 6, message: 'Incorrect country' },
  countryNotOffered: { code: 7, message: 'Country is not available for this proxy type' },
  mobileOperator: { code: 8, message: 'Incorrect mobile operator' },
  authType: { code: 10, message: 'Incorrect authorization type' },
  rentPeriod: { code: 11, message: 'Incorrect rent period' },
  protocol: { code: 13, message: 'Incorrect protocol' },
  goal: { code: 14, message: 'Incorrect goal' },
  funds: { code: 16, message: 'Insufficient funds on balance' },
  quantity: { code: 19, message: 'Incorrect quantity' },
  authIp: { code: 23, message: 'Incorrect authorization IP' },
  ipSelection: { code: 24, message: 'Incorrect IP addresses' },
  orderId: { code: 25, message: 'Incorrect order id' },
  wholeOrder: { code: 28, message: 'All IP addresses of the order must be selected' },
  unknown: { code: 35, message: 'Unknown error' },
} as const;
export type SimError = { code: number; message: string };

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
    code: 'BLACKFRIDAY25',
    countUses: 3,
    startDate: '2026-11-20',
    endDate: '2026-11-30',
    endless: false,
    discount: 25,
    descriptionsByLocale: { en: '25% off during Black Friday week' },
  },
];
