import { describe, expect, it } from 'vitest';
import type { OrderInput, Provider } from '../../src/providers/types.js';
import type { Simulator } from '../../src/sandbox/types.js';
import { failure, providerFailure } from '../helpers/failures.js';

/** The order operations beyond catalog, quote, findPlaced, list and get, which every orders capability has. */
export type OrderOp = 'buy' | 'proxies' | 'renew' | 'autoRenew' | 'bandwidth' | 'changeCycle';

export interface OrderLine {
  offers: readonly OrderOp[];
  /** A purchase the seeded balance pays for. */
  buy: OrderInput;
  /** The route key of the purchase request. */
  buyRoute: string;
  /** A seeded order the vendor would renew now, when `renew` is offered. */
  renewable?: (sim: Simulator) => string;
}

interface Setup {
  provider: Provider;
  sim: Simulator;
}

/**
 * The orders contract, over real HTTP to the provider's simulator: the catalog, a vendor quote, input
 * refused before anything is sent, a purchase sent once, and a lost purchase answer reconciled from
 * the order list so a rerun does not buy again.
 */
export function describeOrders(setup: () => Setup, line: { orders?: OrderLine; now?: () => Date }): void {
  const o = line.orders;
  if (!o) throw new Error('A provider with orders needs an `orders` line in the contract.');
  const sent = (route: string) => setup().sim.server.received.filter((r) => r.route === route).length;
  const since = () => new Date((line.now?.() ?? new Date()).getTime() - 1000);

  describe('orders', () => {
    it('offers exactly the order operations its line lists', () => {
      const orders = setup().provider.orders!;
      expect({
        buy: Boolean(orders.buy),
        proxies: Boolean(orders.proxies),
        renew: Boolean(orders.renew && orders.quoteRenewal),
        autoRenew: Boolean(orders.setAutoRenew),
        bandwidth: Boolean(orders.addBandwidth && orders.quoteBandwidth),
        changeCycle: Boolean(orders.changeCycle),
      }).toEqual(
        Object.fromEntries(
          (['buy', 'proxies', 'renew', 'autoRenew', 'bandwidth', 'changeCycle'] as const).map((op) => [
            op,
            o.offers.includes(op),
          ]),
        ),
      );
    });

    it('reads a catalog of products with the options it takes', async () => {
      const catalog = await setup().provider.orders!.catalog();
      expect(catalog.products.length).toBeGreaterThan(0);
      expect(catalog.options.length).toBeGreaterThan(0);
      for (const p of catalog.products) {
        expect(p.id.length).toBeGreaterThan(0);
        expect(p.quantity.min).toBeGreaterThanOrEqual(1);
      }
    });

    it('quotes with the vendor price in minor units and a currency', async () => {
      const quote = await setup().provider.orders!.quote(o.buy);
      expect(Number.isSafeInteger(quote.price.minor)).toBe(true);
      expect(quote.price.minor).toBeGreaterThan(0);
      expect(quote.price.currency).toMatch(/^[A-Z]{3}$/);
      expect(quote.promo).toBe('none');
    });

    it('refuses an unknown product and quantity 0 as invalid_input, with nothing bought or priced', async () => {
      const before = sent(o.buyRoute);
      const unknown = await failure(setup().provider.orders!.quote({ ...o.buy, product: 'no-such-product-42' }));
      expect(unknown.code).toBe('invalid_input');
      expect(unknown.message).toContain('no-such-product-42');
      expect(unknown.hint).toBeTruthy();
      const requests = setup().sim.server.received.length;
      expect((await failure(setup().provider.orders!.buy!({ ...o.buy, quantity: 0 }))).code).toBe('invalid_input');
      expect(setup().sim.server.received.length).toBe(requests);
      expect(sent(o.buyRoute)).toBe(before);
    });

    if (o.offers.includes('buy')) {
      it('buys once and the order shows in get and the list', async () => {
        const before = sent(o.buyRoute);
        const bought = await setup().provider.orders!.buy!(o.buy);
        expect(sent(o.buyRoute)).toBe(before + 1);
        expect(typeof bought.id).toBe('string');
        expect((await setup().provider.orders!.get(bought.id)).id).toBe(bought.id);
        expect((await setup().provider.orders!.listAll()).map((x) => x.id)).toContain(bought.id);
      });

      it('reports a purchase applied before the connection dropped as outcome_unknown; findPlaced finds it', async () => {
        const from = since();
        const before = (await setup().provider.orders!.findPlaced(o.buy, from)).length;
        setup().sim.server.fault({ route: o.buyRoute, kind: 'drop_after_apply', times: 1 });
        const count = sent(o.buyRoute);
        await providerFailure(setup().provider.orders!.buy!(o.buy), 'outcome_unknown');
        expect(sent(o.buyRoute)).toBe(count + 1);
        expect((await setup().provider.orders!.findPlaced(o.buy, from)).length).toBe(before + 1);
      });

      it('reports an unreadable purchase answer as outcome_unknown and a 500 as a failure, each sent once', async () => {
        setup().sim.server.fault({ route: o.buyRoute, kind: 'malformed', text: '{"truncated": ', times: 1 });
        const count = sent(o.buyRoute);
        await providerFailure(setup().provider.orders!.buy!(o.buy), 'outcome_unknown');
        setup().sim.server.fault({ route: o.buyRoute, kind: 'status', status: 500, times: 1 });
        await failure(setup().provider.orders!.buy!(o.buy));
        expect(sent(o.buyRoute)).toBe(count + 2);
      });
    }

    it('pages the order list and filters it by status', async () => {
      const page = await setup().provider.orders!.list({ perPage: 2 });
      expect(page.page).toBe(1);
      expect(page.pages).toBe(Math.max(1, Math.ceil(page.total / 2)));
      expect(page.orders.length).toBeLessThanOrEqual(2);
      const active = await setup().provider.orders!.list({ status: 'active' });
      expect(active.orders.every((x) => x.status === 'active')).toBe(true);
    });

    if (o.offers.includes('renew')) {
      it('quotes the renewal of a renewable order', async () => {
        const quote = await setup().provider.orders!.quoteRenewal!(o.renewable!(setup().sim));
        expect(quote.price.minor).toBeGreaterThan(0);
      });
    }

    if (o.offers.includes('proxies')) {
      it('lists the proxies of an active order', async () => {
        const { orders } = await setup().provider.orders!.list({ status: 'active' });
        const withProxies = await setup().provider.orders!.proxies!(orders[0]!.id);
        expect(withProxies.length).toBeGreaterThan(0);
      });
    }
  });
}
