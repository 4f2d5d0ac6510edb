import { AppError, ProviderError } from '../errors.js';
import type { KnownProvider } from '../providers/registry.js';
import type { CatalogPeriod, CatalogProduct, OrderInput, OrderQuote, ProductKind } from '../providers/types.js';
import type { ProviderDirectory } from './providers.js';

/** What `/order compare` compares: comparable products of every vendor that sells them. */
export const compareKinds = ['datacenter', 'ipv4', 'isp', 'mobile', 'residential'] as const;
export type CompareKind = (typeof compareKinds)[number];

export interface CompareQuery {
  kind: CompareKind;
  country?: string | undefined;
  /** IPs (or GB, for traffic products); default 1, or the product's minimum. */
  quantity?: number | undefined;
  /** The rental period wanted; default 30. */
  days?: number | undefined;
}

export interface ComparedOffer {
  provider: { id: string; displayName: string };
  product: { id: string; name: string };
  quote: OrderQuote;
  quantity: number;
  unit: CatalogProduct['quantity']['unit'];
  period?: CatalogPeriod;
  location?: string;
  /** The price per IP per 30 days, per GB for traffic, per package per 30 days; in minor units (may be fractional). */
  normalized: { minor: number; currency: string; per: string };
  auth: Array<'login' | 'ip'>;
  protocols: string[];
  /** Rotation times in seconds (mobile). */
  rotations: number[];
}

export interface CompareFailure {
  provider: string;
  product?: string;
  code: string;
  message: string;
}

export interface Comparison {
  offers: ComparedOffer[];
  failures: CompareFailure[];
}

const productKind = (kind: CompareKind): ProductKind => (kind === 'ipv4' ? 'datacenter' : kind);

function failureOf(provider: KnownProvider, error: unknown, product?: string): CompareFailure {
  const code = error instanceof ProviderError || error instanceof AppError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  return { provider: provider.id, ...(product ? { product } : {}), code, message };
}

/** The catalog period closest to `days` (the exact one when there is one). */
function periodFor(product: CatalogProduct, days: number): CatalogPeriod | undefined {
  const timed = product.periods.filter((p) => p.days !== undefined);
  if (timed.length === 0) return product.periods[0];
  return [...timed].sort((a, b) => Math.abs((a.days as number) - days) - Math.abs((b.days as number) - days))[0];
}

function normalized(quote: OrderQuote, product: CatalogProduct, quantity: number, period?: CatalogPeriod) {
  const { minor, currency } = quote.price;
  if (product.quantity.unit === 'GB') return { minor: minor / quantity, currency, per: 'GB' };
  const unit = product.quantity.unit === 'IP' ? 'IP' : 'package';
  // A period whose length the vendor does not say is compared as it is, not guessed at.
  if (period && period.days === undefined)
    return { minor: minor / quantity, currency, per: `${unit} per ${period.label}` };
  const days = period?.days ?? 30;
  return { minor: (minor / quantity / days) * 30, currency, per: `${unit} per 30 days` };
}

/**
 * The vendors' own quotes for comparable products, cheapest first per unit. Every vendor is asked at
 * once; one that cannot sell or quote it is listed with its reason. Nothing is bought.
 */
export class OrderComparison {
  constructor(private readonly providers: ProviderDirectory) {}

  async compare(query: CompareQuery): Promise<Comparison> {
    const results = await Promise.all(this.providers.list().map((p) => this.quoteAt(p, query)));
    const offers = results.flatMap((r) => r.offers);
    offers.sort(
      (a, b) =>
        a.normalized.per.localeCompare(b.normalized.per) ||
        a.normalized.currency.localeCompare(b.normalized.currency) ||
        a.normalized.minor - b.normalized.minor,
    );
    return { offers, failures: results.flatMap((r) => r.failures) };
  }

  private async quoteAt(provider: KnownProvider, query: CompareQuery): Promise<Comparison> {
    const none = (error: unknown): Comparison => ({ offers: [], failures: [failureOf(provider, error)] });
    if (!provider.orders) {
      return none(new AppError('unsupported', `${provider.displayName} sells no proxies through its API.`));
    }
    const orders = provider.orders;
    let products: CatalogProduct[];
    try {
      products = (await orders.catalog()).products.filter((p) => p.kind === productKind(query.kind));
    } catch (error) {
      return none(error);
    }
    if (products.length === 0) {
      return none(new AppError('unsupported', `${provider.displayName} sells no ${query.kind} proxies.`));
    }
    const settled = await Promise.all(products.map((product) => this.quoteProduct(provider, product, query)));
    return {
      offers: settled.flatMap((s) => ('offer' in s ? [s.offer] : [])),
      failures: settled.flatMap((s) => ('failure' in s ? [s.failure] : [])),
    };
  }

  private async quoteProduct(
    provider: KnownProvider,
    product: CatalogProduct,
    query: CompareQuery,
  ): Promise<{ offer: ComparedOffer } | { failure: CompareFailure }> {
    try {
      const input: OrderInput = { product: product.id };
      // The country names (and their spelling variants) load only when a comparison names a country.
      const location = query.country
        ? (await import('./countries.js')).findCountry(product.locations, query.country)
        : undefined;
      if (query.country && product.locations.length > 0 && !location) {
        const has = product.locations.map((l) => l.id).join(', ');
        throw new AppError('not_found', `${product.name} is not sold in ${query.country} (it is in ${has}).`);
      }
      const place = location ?? (product.locationRequired ? product.locations[0] : undefined);
      if (place) input.country = place.id;
      const quantity = Math.max(query.quantity ?? 1, product.quantity.min);
      if (product.quantity.max !== undefined && quantity > product.quantity.max) {
        throw new AppError(
          'invalid_input',
          `${product.name} sells at most ${product.quantity.max} ${product.quantity.unit} at once.`,
        );
      }
      input.quantity = quantity;
      const period = periodFor(product, query.days ?? 30);
      if (period) input.period = period.id;
      if (product.operators?.length) {
        const operator =
          product.operators.find((o) => !place || !o.country || o.country === place.id) ?? product.operators[0];
        if (operator) {
          input.operator = operator.id;
          if (operator.rotations[0] !== undefined) input.rotation = operator.rotations[0];
        }
      }
      if (product.protocols?.length) input.protocol = product.protocols[0];
      const quote = await provider.orders!.quote(input);
      return {
        offer: {
          provider: { id: provider.id, displayName: provider.displayName },
          product: { id: product.id, name: product.name },
          quote,
          quantity,
          unit: product.quantity.unit,
          ...(period ? { period } : {}),
          ...(place ? { location: place.id } : {}),
          normalized: normalized(quote, product, quantity, period),
          auth: product.authTypes ?? [],
          protocols: product.protocols ?? [],
          rotations: [...new Set(product.operators?.flatMap((o) => o.rotations) ?? [])].sort((a, b) => a - b),
        },
      };
    } catch (error) {
      return { failure: failureOf(provider, error, product.name) };
    }
  }
}
