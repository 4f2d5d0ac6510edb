import { describeGrantee, parseGrantee } from '../src/access/user-ref.js';
import { reply } from '../src/kit/reply.js';
import type { Role } from '../src/kit/roles.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';

const userOption = {
  name: 'user',
  type: 'mentionable',
  description: 'A user or Discord role (mention, or discord:ID / slack:ID)',
  required: true,
  autocomplete: 'chat-user',
} as const;

const grant = subcommand({
  name: 'grant',
  description: 'Give a user or Discord role a role: owner, staff or viewer',
  minRole: 'owner',
  mutates: true,
  options: [
    userOption,
    {
      name: 'role',
      type: 'choice',
      description: 'owner, staff (changes) or viewer (read-only)',
      required: true,
      choices: [
        { name: 'owner', value: 'owner' },
        { name: 'staff', value: 'staff' },
        { name: 'viewer', value: 'viewer' },
      ],
    },
  ],
  async run(ctx, args) {
    const grantee = parseGrantee(args.user, ctx.actor.platform);
    await ctx.services.access.grant(grantee, args.role as Role, {
      platform: ctx.actor.platform,
      userId: ctx.actor.userId,
    });
    await ctx.services.store.audit.append({
      actor: { platform: ctx.actor.platform, userId: ctx.actor.userId },
      platform: ctx.actor.platform,
      command: 'access grant',
      target: `${grantee.platform}:${grantee.kind}:${grantee.id}`,
      result: 'ok',
      summary: `granted ${args.role}`,
    });
    return reply({
      title: 'Role granted',
      text: `${describeGrantee(grantee)} (${grantee.platform}${grantee.kind === 'discord-role' ? ' role' : ''}) is now ${args.role}.`,
      data: { grantee, role: args.role },
    });
  },
});

const revoke = subcommand({
  name: 'revoke',
  description: "Remove a user's or Discord role's role",
  minRole: 'owner',
  mutates: true,
  options: [userOption],
  async run(ctx, args) {
    const grantee = parseGrantee(args.user, ctx.actor.platform);
    const removed = await ctx.services.access.revoke(grantee);
    await ctx.services.store.audit.append({
      actor: { platform: ctx.actor.platform, userId: ctx.actor.userId },
      platform: ctx.actor.platform,
      command: 'access revoke',
      target: `${grantee.platform}:${grantee.kind}:${grantee.id}`,
      result: 'ok',
      summary: removed ? 'revoked' : 'had no role',
    });
    return reply({
      title: removed ? 'Role revoked' : 'Nothing to revoke',
      tone: removed ? 'success' : 'info',
      text: removed ? `${describeGrantee(grantee)} has no role now.` : `${describeGrantee(grantee)} had no role.`,
      data: { grantee, removed },
    });
  },
});

const list = subcommand({
  name: 'list',
  description: 'Who has which role',
  minRole: 'owner',
  options: [],
  async run(ctx) {
    const grants = await ctx.services.access.list();
    const lines = grants.map(
      (g) =>
        `${describeGrantee(g.grantee)} (${g.grantee.platform}${g.grantee.kind === 'discord-role' ? ' role' : ''}) — ${g.role}`,
    );
    return reply({
      title: 'Access',
      tone: 'info',
      text: `${lines.join('\n') || 'No roles granted yet.'}\nOwners by configuration: OWNER_DISCORD_IDS / OWNER_SLACK_IDS.`,
      data: { grants: grants.map((g) => ({ ...g.grantee, role: g.role })) },
    });
  },
});

export const accessCommand = defineCommand({
  name: 'access',
  adminOnly: true,
  description: 'Who may use the bot: grant, revoke and list roles (owners only)',
  subcommands: [grant, revoke, list],
});
