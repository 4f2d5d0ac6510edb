import { UserInputError } from '../src/errors.js';
import { reply } from '../src/kit/reply.js';
import { providerDefinition, providerDefinitions } from '../src/providers/registry.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import { calendarDate } from '../src/services/calendar.js';
import { formatBytes } from '../src/services/units.js';
import { confirmedCost, costData, costLine } from './cost-fields.js';
import { balanceOf, customerFields, noticeOf } from './customer-fields.js';
import { providerOption, usernameOption } from './options.js';

/** Creating an account costs the reseller money at providers that say so in their definition. */
const paidToCreate = (provider: string) => Boolean(providerDefinition(provider)?.capabilities.customers?.createCosts);

/** "ProxyShard pool (standart|premium) or ProxyLite product type": what `plan:` means, per provider. */
const planMeanings = providerDefinitions.flatMap((d) => {
  const hint = d.capabilities.customers?.planHint;
  return hint ? [`${d.displayName} ${hint}`] : [];
});

const create = subcommand({
  name: 'create',
  description: 'Create a customer account at a provider',
  minRole: 'staff',
  mutates: true,
  secret: true,
  confirm: (args) => (paidToCreate(args.provider) || args.traffic !== undefined ? 'paid' : undefined),
  prepare: (ctx, args) => ctx.services.customers.prepareCreate(args),
  async describe(args, plan, ctx) {
    const { provider, trafficBytes } = plan;
    const traffic = trafficBytes === undefined ? '' : ` with ${formatBytes(trafficBytes)} of traffic`;
    const cost = await ctx.services.costs.create(plan);
    const text = `Create ${args.username} on ${provider.displayName}${traffic}`;
    return cost ? { text: `${text}\n${costLine(cost)}`, data: costData(cost), terms: costData(cost) } : text;
  },
  options: [
    providerOption,
    usernameOption,
    {
      name: 'password',
      type: 'string',
      description: 'Password (where the provider lets you choose)',
      secret: true,
      maxLength: 64,
    },
    { name: 'traffic', type: 'number', description: "Starting traffic in the provider's unit", min: 0 },
    {
      name: 'plan',
      type: 'string',
      description: planMeanings.join(' or ') || 'Plan, where the provider has them',
      maxLength: 32,
    },
    { name: 'note', type: 'string', description: 'A note kept with the customer in the bot', maxLength: 200 },
  ],
  async run(ctx, _args, plan) {
    const cost = confirmedCost(ctx.confirmedTerms);
    const result = await ctx.services.customers.create(ctx, plan);
    const { provider, customer, warnings } = result;
    const fields = customerFields(provider, customer, ctx);
    if (result.password) fields.push({ label: 'Password', value: result.password });
    const said = !result.replayed
      ? `${customer.username} is ready on ${provider.displayName}.${noticeOf(customer)}`
      : result.password
        ? `${customer.username} was created by your earlier request, whose answer did not reach you. Its password is shown this once.`
        : 'This same request was already carried out. The password was shown once; use /password reset to issue a new one.';
    return reply({
      title: result.replayed && !result.password ? 'Customer already created' : 'Customer created',
      visibility: 'private',
      tone: warnings.length > 0 ? 'warning' : 'success',
      text: [said, ...warnings.map((w) => `Warning: ${w}`)].join('\n'),
      fields,
      data: {
        provider: provider.id,
        username: customer.username,
        ...(result.password ? { password: result.password } : {}),
        status: customer.status,
        ...(cost && !result.replayed ? { cost } : {}),
        replayed: result.replayed,
        ...(warnings.length > 0 ? { warnings } : {}),
      },
    });
  },
});

const info = subcommand({
  name: 'info',
  description: 'Show a customer account',
  minRole: 'viewer',
  options: [providerOption, usernameOption],
  async run(ctx, args) {
    const { provider, customer } = await ctx.services.customers.info(args.provider, args.username);
    const record = await ctx.services.store.registry.get(provider.id, customer.username);
    const fields = customerFields(provider, customer, ctx);
    if (record?.note) fields.push({ label: 'Note', value: record.note });
    if (record)
      fields.push({
        label: 'Created by',
        value: `${record.createdBy.name ?? record.createdBy.userId} (${record.createdBy.platform}), ${calendarDate(record.createdAt, ctx.services.timeZone)}`,
      });
    const balance = balanceOf(provider, customer, ctx);
    return reply({
      title: `${customer.username} on ${provider.displayName}`,
      tone: customer.status === 'active' ? 'info' : 'warning',
      fields,
      data: {
        provider: provider.id,
        username: customer.username,
        status: customer.status,
        ...(balance ? { balance } : {}),
        ...(customer.expiresAt !== undefined ? { expiresAt: customer.expiresAt } : {}),
      },
    });
  },
});

const list = subcommand({
  name: 'list',
  description: 'List customer accounts at a provider',
  minRole: 'viewer',
  options: [
    providerOption,
    {
      name: 'status',
      type: 'choice',
      description: 'Only active or only disabled accounts',
      choices: [
        { name: 'active', value: 'active' },
        { name: 'disabled', value: 'disabled' },
      ],
    },
    { name: 'page', type: 'integer', description: 'Page number (from 1)', min: 1 },
  ],
  async run(ctx, args) {
    const status = args.status as 'active' | 'disabled' | undefined;
    const { provider, page } = await ctx.services.customers.list(args.provider, {
      ...(status ? { status } : {}),
      ...(args.page ? { page: args.page } : {}),
    });
    if (page.page > page.pages) {
      const pages = `${page.pages} page${page.pages === 1 ? '' : 's'}`;
      throw new UserInputError(
        `There is no page ${page.page}: ${provider.displayName} has ${pages} of ${status ?? ''}${status ? ' ' : ''}customers.`,
        { hint: page.pages === 1 ? 'Leave page: out.' : `Give page:1 to page:${page.pages}.` },
      );
    }
    const lines = page.customers.map((c) => `${c.username} — ${c.status}`);
    return reply({
      title: `Customers on ${provider.displayName}`,
      tone: 'info',
      text: lines.length > 0 ? lines.join('\n') : 'No customers on this page.',
      fields: [
        {
          label: 'Page',
          value: `${page.page} of ${page.pages}${page.total !== undefined ? ` (${page.total} in all)` : ''}`,
        },
      ],
      data: {
        provider: provider.id,
        customers: page.customers.map((c) => ({ username: c.username, status: c.status })),
        page: page.page,
        pages: page.pages,
      },
    });
  },
});

function statusCommand(name: 'enable' | 'disable') {
  return subcommand({
    name,
    description: name === 'enable' ? 'Enable a customer account' : 'Disable a customer account',
    minRole: 'staff',
    mutates: true,
    options: [providerOption, usernameOption],
    async run(ctx, args) {
      const status = name === 'enable' ? 'active' : 'disabled';
      const { provider, customer } = await ctx.services.customers.setStatus(ctx, args.provider, args.username, status);
      return reply({
        title: `${customer.username} ${name}d`,
        text: `${customer.username} on ${provider.displayName} is now ${customer.status}.${noticeOf(customer)}`,
        fields: customerFields(provider, customer, ctx),
        data: { provider: provider.id, username: customer.username, status: customer.status },
      });
    },
  });
}

const remove = subcommand({
  name: 'delete',
  description: 'Delete a customer account (cannot be undone)',
  minRole: 'staff',
  mutates: true,
  confirm: 'destructive',
  prepare: (ctx, args) => ctx.services.customers.prepareDelete(args.provider, args.username),
  describe: (args) => `Delete ${args.username} on ${args.provider}`,
  options: [providerOption, usernameOption],
  async run(ctx, args, plan) {
    const { provider, replayed } = await ctx.services.customers.delete(ctx, plan);
    return reply({
      title: 'Customer deleted',
      text: `${args.username} is deleted on ${provider.displayName}.${provider.customers?.deleteNotice ? ` ${provider.customers.deleteNotice}` : ''}${replayed ? ' (This same request was already carried out.)' : ''}`,
      data: { provider: provider.id, username: args.username, deleted: true },
    });
  },
});

export const customerCommand = defineCommand({
  name: 'customer',
  description: 'Create, inspect, enable, disable and delete customer accounts',
  subcommands: [create, info, list, statusCommand('enable'), statusCommand('disable'), remove],
});
