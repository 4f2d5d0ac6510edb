import { AppError, UserInputError } from '../errors.js';
import { checkIpv4, checkPromo } from '../providers/order-input.js';
import { checkStatusFilter } from '../providers/order-list.js';
import type { KnownProvider } from '../providers/registry.js';
import type {
  Order,
  OrderCatalog,
  OrderInput,
  OrderPage,
  OrdersCapability,
  ProxyEndpoint,
} from '../providers/types.js';
import type { OrderCatalogs } from './order-catalogs.js';
import type { ProviderDirectory } from './providers.js';
import type { Suggestions } from './suggestions.js';

/** What `/order quote|buy` take, as typed; checked into an `OrderInput` once. */
export interface OrderArgs {
  product: string;
  country?: string | undefined;
  quantity?: number | undefined;
  period?: string | undefined;
  protocol?: string | undefined;
  operator?: string | undefined;
  rotation?: number | undefined;
  auth?: string | undefined;
  authip?: string | undefined;
  goal?: string | undefined;
  promo?: string | undefined;
  regions?: string | undefined;
  autorenew?: boolean | undefined;
}

/** A spend checked as far as it can be without a request: what `quoteSpend` prices and `spend` carries out. */
export type SpendPlan =
  | { kind: 'buy'; provider: KnownProvider; orders: OrdersCapability; input: OrderInput }
  | {
      kind: 'renew';
      provider: KnownProvider;
      orders: OrdersCapability;
      orderId: string;
      period?: string;
      promo?: string;
    }
  | { kind: 'bandwidth'; provider: KnownProvider; orders: OrdersCapability; orderId: string; gigabytes: number };

const orderIdPattern = /^[\w.:-]{1,64}$/;

/** `US:2,DE:1` → ProxyLite's regions, each with its own quantity. */
function parseRegions(text: string): NonNullable<OrderInput['regions']> {
  return text.split(',').map((part) => {
    const [code, count, asn] = part.trim().split(':');
    const quantity = Number(count ?? '1');
    if (!code || !/^[A-Za-z]{2,3}$/.test(code) || !Number.isSafeInteger(quantity) || quantity < 1) {
      throw new UserInputError(`regions: "${part.trim().slice(0, 40)}" is not a region and a quantity.`, {
        hint: 'Write regions:US:2,DE:1 (a region code from /order catalog, a colon, a whole number).',
      });
    }
    return { code: code.toUpperCase(), quantity, ...(asn ? { asn } : {}) };
  });
}

/** The typed options as the provider takes them; a missing option stays absent, so the vendor's default applies. */
export function orderInputOf(args: OrderArgs, vendor: string): OrderInput {
  if (args.auth !== undefined && args.auth !== 'login' && args.auth !== 'ip') {
    throw new UserInputError(`auth: must be login or ip, not "${args.auth.slice(0, 20)}".`);
  }
  const entries: Partial<OrderInput> = {
    product: args.product.trim(),
    quantity: args.quantity,
    country: args.country?.trim(),
    period: args.period?.trim(),
    protocol: args.protocol?.trim(),
    operator: args.operator?.trim(),
    rotation: args.rotation,
    auth: args.auth as OrderInput['auth'],
    authIp: args.authip === undefined ? undefined : checkIpv4(args.authip, vendor),
    goal: args.goal?.trim(),
    promo: checkPromo(args.promo),
    regions: args.regions === undefined ? undefined : parseRegions(args.regions),
    autoRenew: args.autorenew,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as unknown as OrderInput;
}

/**
 * Orders at the vendors: the reads (catalog, quote, list, info) and the plans of the spends, which
 * `SpendService` prices and carries out.
 */
export class OrderService {
  constructor(
    private readonly providers: ProviderDirectory,
    readonly catalogs: OrderCatalogs,
    private readonly suggestions: Suggestions,
  ) {}

  /** The provider and its orders capability, or `unsupported` naming the operation. */
  capability(providerId: string, operation?: keyof OrdersCapability, what?: string) {
    const provider = this.providers.get(providerId);
    const orders = this.providers.capability(provider, 'orders');
    if (operation && !orders[operation]) {
      throw new AppError('unsupported', `${provider.displayName} does not offer ${what ?? operation} for orders.`, {
        hint: 'See /order catalog and /help order for what each provider offers.',
      });
    }
    return { provider, orders };
  }

  orderId(value: string): string {
    const id = value.trim();
    if (!orderIdPattern.test(id)) {
      throw new UserInputError(`"${value.slice(0, 40)}" is not an order id.`, {
        hint: 'Take the id from /order list (digits, or the vendor’s trade number).',
      });
    }
    return id;
  }

  async catalog(providerId: string): Promise<{ provider: KnownProvider; catalog: OrderCatalog }> {
    const { provider } = this.capability(providerId);
    return { provider, catalog: await this.catalogs.get(provider.id) };
  }

  async quote(providerId: string, args: OrderArgs) {
    const { provider, orders } = this.capability(providerId);
    const input = orderInputOf(args, provider.displayName);
    return { provider, input, quote: await orders.quote(input) };
  }

  async list(
    providerId: string,
    query: { status?: string; page?: number },
  ): Promise<{ provider: KnownProvider; page: OrderPage }> {
    const { provider, orders } = this.capability(providerId);
    const status = checkStatusFilter(query.status);
    const page = await orders.list({ status, ...(query.page ? { page: query.page } : {}) });
    this.suggestions.rememberOrders(
      provider.id,
      page.orders.map((o) => o.id),
    );
    return { provider, page };
  }

  /** One order, and its proxies (secret) where the vendor lists them. */
  async info(
    providerId: string,
    orderId: string,
  ): Promise<{ provider: KnownProvider; order: Order; proxies?: ProxyEndpoint[] }> {
    const { provider, orders } = this.capability(providerId);
    const id = this.orderId(orderId);
    const order = await orders.get(id);
    const proxies = orders.proxies ? await orders.proxies(id) : undefined;
    return { provider, order, ...(proxies ? { proxies } : {}) };
  }

  prepareBuy(providerId: string, args: OrderArgs): SpendPlan {
    const { provider, orders } = this.capability(providerId, 'buy', 'purchases');
    return { kind: 'buy', provider, orders, input: orderInputOf(args, provider.displayName) };
  }

  prepareRenew(
    providerId: string,
    orderId: string,
    args: { period?: string | undefined; promo?: string | undefined },
  ): SpendPlan {
    const { provider, orders } = this.capability(providerId, 'renew', 'renewals');
    const promo = checkPromo(args.promo);
    return {
      kind: 'renew',
      provider,
      orders,
      orderId: this.orderId(orderId),
      ...(args.period ? { period: args.period.trim() } : {}),
      ...(promo ? { promo } : {}),
    };
  }

  prepareBandwidth(providerId: string, orderId: string, gigabytes: number): SpendPlan {
    const { provider, orders } = this.capability(providerId, 'addBandwidth', 'more bandwidth');
    if (!Number.isSafeInteger(gigabytes) || gigabytes < 1) {
      throw new UserInputError(`gb: must be a whole number of GB from 1; ${gigabytes} is not one.`);
    }
    return { kind: 'bandwidth', provider, orders, orderId: this.orderId(orderId), gigabytes };
  }
}
