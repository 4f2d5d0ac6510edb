import { ProviderError, UserInputError } from '../../errors.js';
import { urlPath } from '../http.js';
import { checkPromo, pickChoice } from '../order-input.js';
import type { Order, OrderChange, OrderQuote, RenewalInput } from '../order-types.js';
import type { OrdersCapability } from '../types.js';
import { type Client, PROVIDER } from './client.js';
import type { CatalogReader } from './order-catalog.js';
import { cents, quoteOf, wallet } from './order-price.js';
import { checkOrderId, fetchOrder, fromDetail } from './order-read.js';
import { currency, cycleManaged, takesBandwidth } from './rules.js';
import { cycleChangeSchema, paidSchema, type VendorOrder } from './schema.js';

/** Changes to an existing order: renewal, auto-renewal, residential bandwidth and the billing cycle. */

type Changes = Required<
  Pick<OrdersCapability, 'quoteRenewal' | 'renew' | 'setAutoRenew' | 'quoteBandwidth' | 'addBandwidth' | 'changeCycle'>
>;

/** The order re-read after a paid change; a failed read must not look like a failed change. */
async function after(client: Client, id: string, charged: Partial<OrderChange> = {}): Promise<OrderChange> {
  const [order, balance] = await Promise.all([
    fetchOrder(client, id).then(fromDetail, () => undefined),
    wallet(client),
  ]);
  return {
    id,
    promo: 'none',
    ...charged,
    ...(balance ? { balanceAfter: balance } : {}),
    ...(order ? { order } : {}),
    warnings: [...(charged.warnings ?? []), ...(order ? [] : ['ProxyShard could not be re-read after the change.'])],
  };
}

/** "Renewal is available only when order status is on-hold", for the order's own cycle. */
async function renewable(client: Client, orderId: string, renewal: RenewalInput): Promise<VendorOrder> {
  const order = await fetchOrder(client, orderId);
  if (renewal.promo !== undefined) throw new UserInputError('ProxyShard renewals take no promo code.');
  if (renewal.period !== undefined && renewal.period.toLowerCase() !== (order.cycle_name ?? '').toLowerCase()) {
    throw new UserInputError(
      `ProxyShard renews order ${order.order_id} for its own cycle (${order.cycle_name ?? 'unknown'}), not ${renewal.period}.`,
      { hint: cycleManaged(order.product_name) ? 'Change its cycle first, then renew.' : undefined },
    );
  }
  if (order.status !== 'on-hold') {
    throw new ProviderError(
      PROVIDER,
      'conflict',
      `ProxyShard renews on-hold orders only; order ${order.order_id} is ${order.status}.`,
      {
        hint: order.auto_renewal ? 'It renews itself: auto-renewal is on.' : 'Turn on auto-renewal to keep it running.',
      },
    );
  }
  return order;
}

async function residential(client: Client, orderId: string, gigabytes: number): Promise<VendorOrder> {
  if (!Number.isSafeInteger(gigabytes) || gigabytes < 1) {
    throw new UserInputError(`ProxyShard adds bandwidth in whole GB from 1; ${gigabytes} is not one.`);
  }
  const order = await fetchOrder(client, orderId);
  if (!takesBandwidth(order.product_name)) {
    throw new ProviderError(
      PROVIDER,
      'unsupported',
      `ProxyShard adds bandwidth to Standart and Premium Residential orders only; order ${order.order_id} is ${order.product_name}.`,
    );
  }
  return order;
}

async function cycleManagedOrder(client: Client, orderId: string, what: string): Promise<VendorOrder> {
  const order = await fetchOrder(client, orderId);
  if (!cycleManaged(order.product_name)) {
    throw new ProviderError(
      PROVIDER,
      'unsupported',
      `ProxyShard changes ${what} for Datacenter and ISP orders only; order ${order.order_id} is ${order.product_name}.`,
    );
  }
  return order;
}

export function createChanges(client: Client, catalog: CatalogReader): Changes {
  return {
    async quoteRenewal(orderId, renewal = {}): Promise<OrderQuote> {
      const order = await renewable(client, orderId, renewal);
      const last =
        order.price_paid == null ? '' : ` It was last paid ${(order.price_paid / 100).toFixed(2)} ${currency}.`;
      return quoteOf(
        client,
        {
          product: order.product_name,
          ...(order.cycle_name ? { cycle: order.cycle_name } : {}),
          ...(order.quantity ? { quantity: order.quantity } : {}),
        },
        {
          product: order.product_name,
          quantity: order.quantity ?? 1,
          ...(order.cycle_name ? { period: order.cycle_name } : {}),
          warnings: [
            `ProxyShard has no renewal quote: this is its price for a new order of the same product, cycle and quantity.${last}`,
          ],
        },
      );
    },

    async renew(orderId, renewal = {}) {
      const order = await renewable(client, orderId, renewal);
      await client.call(
        { method: 'POST', path: urlPath`/user/api/orders/${order.order_id}/renew` },
        paidSchema,
        'renewal',
      );
      return after(client, order.order_id);
    },

    async setAutoRenew(orderId, on, period): Promise<Order> {
      if (period !== undefined)
        throw new UserInputError('ProxyShard auto-renews an order for its own cycle; leave out period:.');
      const order = await cycleManagedOrder(client, orderId, 'auto-renewal');
      await client.call(
        {
          method: 'POST',
          path: urlPath`/user/api/orders/edit-auto-renewal/${order.order_id}`,
          query: { auto_renewal: on },
        },
        paidSchema,
        'auto-renewal switch',
      );
      return fetchOrder(client, order.order_id).then(fromDetail, () => ({ ...fromDetail(order), autoRenewal: on }));
    },

    async quoteBandwidth(orderId, gigabytes, promo) {
      const order = await residential(client, orderId, gigabytes);
      const code = checkPromo(promo);
      return quoteOf(
        client,
        { product: order.product_name, quantity: gigabytes, ...(code ? { promo_code: code } : {}) },
        {
          product: order.product_name,
          quantity: gigabytes,
          warnings: [
            `ProxyShard has no quote for add-bandwidth: this is its price for ${gigabytes} GB of ${order.product_name}.`,
          ],
        },
      );
    },

    async addBandwidth(orderId, gigabytes, promo) {
      const order = await residential(client, orderId, gigabytes);
      const code = checkPromo(promo);
      await client.call(
        {
          method: 'POST',
          path: urlPath`/user/api/orders/${order.order_id}/add-bandwidth`,
          body: { amount: gigabytes, ...(code ? { promo_code: code } : {}) },
        },
        paidSchema,
        'bandwidth purchase',
      );
      return after(client, order.order_id, { promo: code ? 'valid' : 'none' });
    },

    async changeCycle(orderId, cycle) {
      const id = checkOrderId(orderId);
      const order = await cycleManagedOrder(client, id, 'the billing cycle');
      const product = (await catalog.products()).find((p) => p.name === order.product_name);
      const chosen = product ? pickChoice(cycle, product.periods, 'cycle', 'ProxyShard').id : cycle;
      const answer = await client.call(
        { method: 'POST', path: urlPath`/user/api/orders/change-billing-cycle/${id}`, body: { cycle: chosen } },
        cycleChangeSchema,
        'cycle change',
      );
      const price = typeof answer.final_price === 'number' ? cents(answer.final_price) : undefined;
      return after(client, id, {
        warnings: price ? [`The new price per ${chosen} cycle is ${(price.minor / 100).toFixed(2)} ${currency}.`] : [],
      });
    },
  };
}
