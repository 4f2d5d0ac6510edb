import { AppError, UserInputError } from '../src/errors.js';
import { reply } from '../src/kit/reply.js';
import { roleAllows } from '../src/kit/roles.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import type { CommandContext } from '../src/runtime/context.js';
import type { ConfigType } from '../src/services/configs.js';
import type { LinkedUser } from '../src/storage/store.js';
import { configReply } from './config.js';
import { parseLinkedUser } from './link.js';
import { accountsReply } from './my-accounts.js';
import { usageReply } from './usage.js';

/**
 * A linked customer's own view: every answer private, about their own accounts only. Staff see any
 * customer's view with `user:`.
 */
const accountOption = {
  name: 'account',
  type: 'string',
  description: 'Which of your accounts: provider:username, or the username (default: your only one)',
  maxLength: 100,
} as const;

const viewAsOption = {
  name: 'user',
  type: 'mentionable',
  description: 'Staff only: see exactly what this customer sees',
} as const;

/** Whose accounts: the person asking, or (staff only) the customer named by `user:`. */
function whose(ctx: CommandContext, user: string | undefined): LinkedUser {
  if (user !== undefined) {
    if (!roleAllows(ctx.actor.role, 'staff')) {
      throw new AppError('forbidden', 'user: is for staff. You can see your own accounts only.', {
        hint: 'Leave user: out.',
      });
    }
    return parseLinkedUser(user, ctx.actor.platform);
  }
  if (ctx.actor.platform === 'terminal') {
    throw new UserInputError('The terminal has no accounts linked to it.', {
      hint: 'Add user:discord:ID to see what that customer sees, or act as them: as:discord:ID /my accounts.',
    });
  }
  return { platform: ctx.actor.platform, id: ctx.actor.userId };
}

const accounts = subcommand({
  name: 'accounts',
  description: 'Your accounts: status, traffic left or expiry, and a small chart',
  minRole: 'customer',
  secret: true,
  options: [viewAsOption],
  async run(ctx, args) {
    return accountsReply(ctx, await ctx.services.links.accountsOf(whose(ctx, args.user)));
  },
});

const usage = subcommand({
  name: 'usage',
  description: 'Daily usage of one of your accounts, with a chart',
  minRole: 'customer',
  secret: true,
  options: [accountOption, viewAsOption],
  async run(ctx, args) {
    const link = await ctx.services.links.own(whose(ctx, args.user), args.account);
    return { ...usageReply(await ctx.services.usage.show(link.provider, link.username)), visibility: 'private' };
  },
});

const config = subcommand({
  name: 'config',
  description: 'Proxy strings or VPN config (+ QR) of one of your accounts',
  minRole: 'customer',
  secret: true,
  options: [
    accountOption,
    {
      name: 'type',
      type: 'choice',
      description: 'proxy, openvpn or wireguard (default: what your account offers)',
      choices: [
        { name: 'proxy', value: 'proxy' },
        { name: 'openvpn', value: 'openvpn' },
        { name: 'wireguard', value: 'wireguard' },
      ],
    },
    viewAsOption,
  ],
  async run(ctx, args) {
    const link = await ctx.services.links.own(whose(ctx, args.user), args.account);
    const result = await ctx.services.configs.get({
      provider: link.provider,
      username: link.username,
      ...(args.type ? { type: args.type as ConfigType } : {}),
    });
    return configReply(link.username, result);
  },
});

const passwordReset = subcommand({
  name: 'reset',
  description: 'A new password for one of your accounts (where your reseller allows it)',
  minRole: 'customer',
  mutates: true,
  secret: true,
  options: [accountOption],
  async run(ctx, args) {
    const link = await ctx.services.links.own(whose(ctx, undefined), args.account);
    if (!(await ctx.services.customerSettings.read()).passwordReset) {
      throw new AppError('forbidden', 'Your reseller has not turned on password resets here.', {
        hint: 'Ask your reseller for a new password.',
      });
    }
    const result = await ctx.services.passwords.reset(ctx, link.provider, link.username);
    return reply({
      title: result.replayed ? 'Password already reset' : 'Password reset',
      visibility: 'private',
      text: result.replayed
        ? 'This same request was already carried out and the new password was shown once. Run it again for another.'
        : `New password for ${link.username} on ${result.provider.displayName}.`,
      fields: result.password ? [{ label: 'Password', value: result.password }] : [],
      data: {
        provider: result.provider.id,
        username: link.username,
        ...(result.password ? { password: result.password } : {}),
        replayed: result.replayed,
      },
    });
  },
});

const alerts = subcommand({
  name: 'alerts',
  description: 'Turn your own traffic and expiry warnings (direct messages) off or on',
  minRole: 'customer',
  secret: true,
  options: [
    {
      name: 'state',
      type: 'choice',
      description: 'off: no more warnings by DM; on: warnings again',
      required: true,
      choices: [
        { name: 'off', value: 'off' },
        { name: 'on', value: 'on' },
      ],
    },
  ],
  async run(ctx, args) {
    const user = whose(ctx, undefined);
    await ctx.services.links.accountsOf(user);
    const muted = args.state === 'off';
    await ctx.services.customerSettings.setMuted(user, muted);
    return reply({
      title: muted ? 'Your alerts are off' : 'Your alerts are on',
      visibility: 'private',
      text: muted
        ? 'You will get no more traffic or expiry warnings by DM. Turn them back on with /my alerts on.'
        : 'You will get a DM when your traffic runs low or an account is about to expire.',
      data: { muted },
    });
  },
});

export const myCommand = defineCommand({
  name: 'my',
  description: 'Your own accounts, usage and configs (for linked customers; always private)',
  subcommands: [
    accounts,
    usage,
    config,
    { name: 'password', description: 'Your password', group: [passwordReset] },
    alerts,
  ],
});
