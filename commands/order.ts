import { UserInputError } from '../src/errors.js';
import { reply } from '../src/kit/reply.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import { formatProxy } from '../src/services/proxy-formats.js';
import { providerOption } from './options.js';
import { compareSubcommand } from './order-compare.js';
import {
  catalogData,
  moneyData,
  orderData,
  orderFields,
  orderLine,
  productLine,
  quoteData,
  quotedWhat,
  quoteLines,
  shownMoney,
} from './order-fields.js';
import { orderIdOption, productOption, purchaseOptions } from './order-options.js';
import { autorenew, bandwidth, buy, renew } from './order-spend.js';

const catalog = subcommand({
  name: 'catalog',
  description: 'What can be bought at a vendor: products, countries, periods, operators',
  minRole: 'viewer',
  options: [
    providerOption,
    {
      name: 'type',
      type: 'string',
      description: 'Only this product or kind (datacenter, isp, mobile, residential, ipv6)',
      maxLength: 64,
    },
  ],
  async run(ctx, args) {
    const { provider, catalog } = await ctx.services.orders.catalog(args.provider);
    const wanted = args.type?.trim().toLowerCase();
    const products = wanted
      ? catalog.products.filter(
          (p) =>
            p.kind === wanted ||
            p.id.toLowerCase() === wanted ||
            p.name.toLowerCase() === wanted ||
            p.aliases.some((a) => a.toLowerCase() === wanted),
        )
      : catalog.products;
    if (products.length === 0) {
      throw new UserInputError(`${provider.displayName} has no product or kind "${args.type?.slice(0, 40)}".`, {
        hint: `Products: ${catalog.products.map((p) => p.id).join(', ')}; kinds: ${[...new Set(catalog.products.map((p) => p.kind))].join(', ')}.`,
      });
    }
    const promo = catalog.promoCodes?.length
      ? [`Promo codes: ${catalog.promoCodes.map((c) => c.code).join(', ')}`]
      : [];
    return reply({
      title: `What ${provider.displayName} sells`,
      tone: 'info',
      text: [...products.map(productLine), ...promo, ...catalog.notes].join('\n'),
      fields: [{ label: 'Options', value: catalog.options.join(', ') || 'none' }],
      data: catalogData(provider, catalog, products),
    });
  },
});

const quote = subcommand({
  name: 'quote',
  description: "The vendor's own price for an order, with your balance there now and after",
  minRole: 'viewer',
  options: [providerOption, productOption, ...purchaseOptions],
  async run(ctx, args) {
    const { provider, input, quote } = await ctx.services.orders.quote(args.provider, args);
    const lines = quoteLines(provider, quote, input.promo);
    if (quote.quotesOnly) lines.push(quote.quotesOnly);
    return reply({
      title: `${quotedWhat(quote)} at ${provider.displayName}: ${shownMoney(quote.price)}`,
      tone: quote.promo === 'invalid' || quote.warnings.length > 0 ? 'warning' : 'info',
      text: lines.join('\n'),
      data: quoteData(provider, quote),
    });
  },
});

const list = subcommand({
  name: 'list',
  description: 'Your orders at a vendor',
  minRole: 'viewer',
  options: [
    providerOption,
    {
      name: 'status',
      type: 'choice',
      description: 'active, expired or all (default)',
      choices: [
        { name: 'active', value: 'active' },
        { name: 'expired', value: 'expired' },
        { name: 'all', value: 'all' },
      ],
    },
    { name: 'page', type: 'integer', description: 'Page number (from 1)', min: 1 },
  ],
  async run(ctx, args) {
    const { provider, page } = await ctx.services.orders.list(args.provider, {
      ...(args.status ? { status: args.status } : {}),
      ...(args.page ? { page: args.page } : {}),
    });
    if (page.page > page.pages) {
      throw new UserInputError(
        `There is no page ${page.page}: ${provider.displayName} has ${page.pages} page(s) of orders.`,
        {
          hint: page.pages === 1 ? 'Leave page: out.' : `Give page:1 to page:${page.pages}.`,
        },
      );
    }
    return reply({
      title: `Orders at ${provider.displayName}`,
      tone: 'info',
      text: page.orders.length > 0 ? page.orders.map((o) => orderLine(o, ctx)).join('\n') : 'No orders on this page.',
      fields: [{ label: 'Page', value: `${page.page} of ${page.pages} (${page.total} in all)` }],
      data: { provider: provider.id, orders: page.orders.map(orderData), page: page.page, pages: page.pages },
    });
  },
});

const info = subcommand({
  name: 'info',
  description: 'One order, with its proxies (shown privately)',
  minRole: 'staff',
  secret: true,
  options: [providerOption, orderIdOption],
  async run(ctx, args) {
    const { provider, order, proxies } = await ctx.services.orders.info(args.provider, args.order);
    const lines = proxies?.map((p) => formatProxy(p, 'url')) ?? [];
    return reply({
      title: `Order ${order.id} at ${provider.displayName}`,
      visibility: 'private',
      tone: order.status === 'active' ? 'info' : 'warning',
      text: lines.length > 0 ? lines.join('\n') : '',
      fields: orderFields(order, ctx),
      data: {
        provider: provider.id,
        ...orderData(order),
        ...(order.price ? { price: moneyData(order.price) } : {}),
        ...(proxies ? { proxies: lines } : {}),
      },
    });
  },
});

export const orderCommand = defineCommand({
  name: 'order',
  description: 'Buy, renew and follow proxy orders at the vendors that sell them',
  subcommands: [catalog, quote, buy, list, info, renew, autorenew, bandwidth, compareSubcommand],
});
