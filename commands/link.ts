import { parseGrantee } from '../src/access/user-ref.js';
import { UserInputError } from '../src/errors.js';
import type { Platform } from '../src/kit/actor.js';
import { reply } from '../src/kit/reply.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import { accountRef, describeLinkedUser } from '../src/services/links.js';
import { sameUser } from '../src/storage/links.js';
import type { LinkedUser } from '../src/storage/store.js';
import { providerOption, usernameOption } from './options.js';
import { auditSetting } from './setting-audit.js';

/** A link is to one person: a mention, `discord:ID` or `slack:ID` (never a Discord role). */
export function parseLinkedUser(text: string, from: Platform): LinkedUser {
  const grantee = parseGrantee(text, from);
  if (grantee.kind !== 'user') {
    throw new UserInputError('An account is linked to one person, not to a Discord role.', {
      hint: 'Mention the customer (@name), or write discord:ID or slack:ID.',
    });
  }
  return { platform: grantee.platform, id: grantee.id };
}

const userOption = {
  name: 'user',
  type: 'mentionable',
  description: 'The customer (mention, or discord:ID / slack:ID)',
  required: true,
} as const;

const add = subcommand({
  name: 'add',
  description: 'Link a chat user to a customer account: they see it with /my and get its alerts',
  minRole: 'staff',
  mutates: true,
  options: [
    userOption,
    providerOption,
    usernameOption,
    { name: 'force', type: 'boolean', description: 'Move an account linked to someone else (audited)' },
  ],
  async run(ctx, args) {
    const user = parseLinkedUser(args.user, ctx.actor.platform);
    const { link, provider, previous } = await ctx.services.links.add(
      user,
      args.provider,
      args.username,
      { platform: ctx.actor.platform, userId: ctx.actor.userId },
      { force: args.force === true },
    );
    const moved = previous && previous.user.id !== user.id ? previous : undefined;
    const summary = `linked to ${user.platform}:${user.id}${moved ? ` (moved from ${moved.user.platform}:${moved.user.id}, forced)` : ''}`;
    await auditSetting(ctx, 'link add', summary, { provider: link.provider, target: link.username });
    return reply({
      title: 'Account linked',
      text: `${link.username} on ${provider.displayName} is now linked to ${describeLinkedUser(user)} (${user.platform}).${
        moved ? ` It was linked to ${describeLinkedUser(moved.user)} before.` : ''
      } They can run /my accounts.`,
      data: { user, provider: link.provider, username: link.username, ...(moved ? { movedFrom: moved.user } : {}) },
    });
  },
});

const remove = subcommand({
  name: 'remove',
  description: 'Unlink a customer account from its chat user',
  minRole: 'staff',
  mutates: true,
  options: [providerOption, usernameOption],
  async run(ctx, args) {
    const removed = await ctx.services.links.remove(args.provider, args.username);
    await auditSetting(ctx, 'link remove', `unlinked from ${removed.user.platform}:${removed.user.id}`, {
      provider: removed.provider,
      target: removed.username,
    });
    return reply({
      title: 'Link removed',
      text: `${accountRef(removed)} is no longer linked to ${describeLinkedUser(removed.user)}.`,
      data: { user: removed.user, provider: removed.provider, username: removed.username },
    });
  },
});

const list = subcommand({
  name: 'list',
  description: 'Which chat user is linked to which accounts',
  minRole: 'staff',
  options: [{ ...userOption, required: false, description: 'Only this customer' }],
  async run(ctx, args) {
    const user = args.user ? parseLinkedUser(args.user, ctx.actor.platform) : undefined;
    const links = await ctx.services.links.list(user ? { user } : {});
    const settings = await ctx.services.customerSettings.read();
    const note = (u: LinkedUser) => {
      const gone = settings.undeliverable.find((x) => sameUser(x, u));
      if (gone) return ` (DMs undeliverable since ${gone.since.slice(0, 10)})`;
      return settings.muted.some((x) => sameUser(x, u)) ? ' (alerts muted)' : '';
    };
    const lines = links.map(
      (l) => `${describeLinkedUser(l.user)} (${l.user.platform}) — ${accountRef(l)}${note(l.user)}`,
    );
    return reply({
      title: 'Customer links',
      tone: 'info',
      text: lines.join('\n') || (user ? `No accounts are linked to ${describeLinkedUser(user)}.` : 'No links yet.'),
      data: {
        links: links.map((l) => ({ user: l.user, provider: l.provider, username: l.username, linkedAt: l.linkedAt })),
      },
    });
  },
});

const policy = subcommand({
  name: 'policy',
  description: 'What linked customers may do themselves: password-reset on|off (off by default)',
  minRole: 'owner',
  mutates: true,
  options: [
    {
      name: 'setting',
      type: 'choice',
      description: 'password-reset: may customers reset their own password',
      required: true,
      choices: [{ name: 'password-reset', value: 'password-reset' }],
    },
    {
      name: 'value',
      type: 'choice',
      description: 'on or off',
      required: true,
      choices: [
        { name: 'on', value: 'on' },
        { name: 'off', value: 'off' },
      ],
    },
  ],
  async run(ctx, args) {
    const on = args.value === 'on';
    await ctx.services.customerSettings.setPasswordReset(on);
    await auditSetting(ctx, 'link policy', `${args.setting} ${args.value}`, { target: args.setting });
    return reply({
      title: 'Customer policy',
      text: on
        ? 'Linked customers may now reset their own password with /my password reset.'
        : 'Linked customers can no longer reset their own password; staff still can.',
      data: { passwordReset: on },
    });
  },
});

export const linkCommand = defineCommand({
  name: 'link',
  description: 'Link chat users to their customer accounts, so they can serve themselves with /my',
  subcommands: [add, remove, list, policy],
});
