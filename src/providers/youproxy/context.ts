import { ProviderError } from '../../errors.js';
import type { Customer } from '../types.js';
import { checkUsername } from '../username.js';
import { type Client, createClient, providerId, type YouproxySettings } from './client.js';
import { orderIdRule, type ProxyType } from './rules.js';
import { ipAddressListSchema, type YouproxyIp } from './schema.js';

/** An order as the IP list shows it: Youproxy has no customer accounts, so an order is our "customer". */
export interface YouproxyOrder {
  orderId: string;
  orderNumber?: string;
  proxyType: ProxyType;
  ips: YouproxyIp[];
  /** The latest dateEnd of its IPs. */
  expiresAt: string;
  createdAt?: string;
  /** Some IP still runs: an order whose IPs all ended is shown as disabled. */
  active: boolean;
  /** Alpha-3, when the IP list says. */
  country?: string;
  /** True when every IP renews on its own, false when some does not, absent when the list does not say. */
  autoExtend?: boolean;
}

export interface OrderReader {
  all(): Promise<YouproxyOrder[]>;
  /** One order by id; a name that is not an order id cannot be one, so it is not_found without a request. */
  one(orderId: string): Promise<YouproxyOrder>;
}

/** What the capabilities share: the client, and the order list every read goes through. */
export interface Context {
  client: Client;
  orders: OrderReader;
}

export function createContext(settings: YouproxySettings): Context {
  const client = createClient(settings);
  return { client, orders: createOrderReader(client) };
}

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const earlier = (a: string | undefined, b: string | null | undefined) =>
  !b ? a : !a || Date.parse(b) < Date.parse(a) ? b : a;

/** Groups the flat IP list by order id, keeping the vendor's order of first appearance. */
export function groupOrders(ips: readonly YouproxyIp[], now: number): YouproxyOrder[] {
  const orders = new Map<string, YouproxyOrder>();
  for (const ip of ips) {
    const order = orders.get(ip.orderId);
    if (!order) {
      orders.set(ip.orderId, {
        orderId: ip.orderId,
        orderNumber: ip.orderNumber,
        proxyType: ip.proxyType,
        ips: [ip],
        expiresAt: ip.dateEnd,
        createdAt: ip.dateStart ?? undefined,
        active: Date.parse(ip.dateEnd) > now,
        ...(ip.country ? { country: ip.country.toUpperCase() } : {}),
        ...(typeof ip.autoExtend === 'boolean' ? { autoExtend: ip.autoExtend } : {}),
      });
      continue;
    }
    order.ips.push(ip);
    order.orderNumber ??= ip.orderNumber;
    order.expiresAt = later(order.expiresAt, ip.dateEnd);
    order.createdAt = earlier(order.createdAt, ip.dateStart);
    order.active ||= Date.parse(ip.dateEnd) > now;
    if (typeof ip.autoExtend === 'boolean') order.autoExtend = (order.autoExtend ?? true) && ip.autoExtend;
  }
  return [...orders.values()];
}

function createOrderReader(client: Client): OrderReader {
  const all = async () => {
    // "Get all": one request for every proxy type; Youproxy documents no paging for it.
    const list = await client.call({ method: 'GET', path: '/ipAddress', schema: ipAddressListSchema, what: 'IP list' });
    return groupOrders(list.ipAddresses, Date.now());
  };
  return {
    all,
    async one(orderId) {
      checkUsername(orderId, 'Youproxy');
      if (!orderIdRule.pattern.test(orderId)) {
        throw new ProviderError(providerId, 'not_found', `Youproxy has no order "${orderId}".`, {
          hint: `Youproxy order ids are digits only; \`/customer list youproxy\` shows them.`,
        });
      }
      const order = (await all()).find((o) => o.orderId === orderId);
      if (!order) {
        throw new ProviderError(providerId, 'not_found', `Youproxy has no order ${orderId} on this account.`, {
          hint: 'An order shows up here once it has IP addresses.',
        });
      }
      return order;
    },
  };
}

export function toCustomer(order: YouproxyOrder): Customer {
  return {
    username: order.orderId,
    status: order.active ? 'active' : 'disabled',
    expiresAt: order.expiresAt,
    ...(order.createdAt ? { createdAt: order.createdAt } : {}),
    extra: {
      proxyType: order.proxyType,
      ipCount: order.ips.length,
      orderNumber: order.orderNumber ?? null,
      // Whether Youproxy extends the order on its own: an expiry alert says when it does not.
      ...(order.autoExtend === undefined ? {} : { autoRenewal: order.autoExtend }),
    },
  };
}
