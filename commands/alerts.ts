import { UserInputError } from '../src/errors.js';
import { reply } from '../src/kit/reply.js';
import { messageText } from '../src/notify/message.js';
import { buildRule, ruleOptions } from '../src/notify/rule-input.js';
import { describeRule, openAlertsConfig } from '../src/notify/rules.js';
import { notifierFor } from '../src/notify/running.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import { auditSetting as audit } from './setting-audit.js';

/** `<#123>` (Discord mention), `<#C123|general>` (Slack), or the bare id. */
function channelId(text: string): string {
  const m = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(text.trim());
  const id = m ? (m[1] as string) : text.trim().replace(/^#/, '');
  if (!/^[A-Za-z0-9]{1,32}$/.test(id))
    throw new UserInputError(`"${text.slice(0, 40)}" is not a channel id or mention.`);
  return id;
}

const channelSet = subcommand({
  name: 'set',
  description: 'Post alerts in this channel (none: stop posting there)',
  minRole: 'owner',
  mutates: true,
  options: [
    { name: 'channel', type: 'string', description: 'Channel id or #mention, or none', required: true, maxLength: 64 },
    {
      name: 'platform',
      type: 'choice',
      description: 'discord or slack (default: where you type)',
      choices: [
        { name: 'discord', value: 'discord' },
        { name: 'slack', value: 'slack' },
      ],
    },
  ],
  async run(ctx, args) {
    const platform = args.platform ?? (ctx.actor.platform === 'terminal' ? undefined : ctx.actor.platform);
    if (platform !== 'discord' && platform !== 'slack') {
      throw new UserInputError('Say which platform the channel is on: platform:discord or platform:slack.');
    }
    const none = args.channel.trim().toLowerCase() === 'none';
    const id = none ? undefined : channelId(args.channel);
    const doc = await openAlertsConfig(ctx.services.store);
    await doc.update((draft) => {
      if (id) draft.channels[platform] = id;
      else delete draft.channels[platform];
    });
    await audit(
      ctx,
      'alerts channel set',
      id ? `${platform} alerts channel ${id}` : `${platform} alerts channel unset`,
    );
    return reply({
      title: 'Alerts channel',
      text: id ? `Alerts go to ${platform} channel ${id}.` : `Alerts are no longer posted on ${platform}.`,
      data: { platform, channel: id ?? null },
    });
  },
});

const ruleAdd = subcommand({
  name: 'add',
  description: 'Add an alert rule',
  minRole: 'staff',
  mutates: true,
  options: ruleOptions,
  async run(ctx, args) {
    const doc = await openAlertsConfig(ctx.services.store);
    const actor = `${ctx.actor.platform}:${ctx.actor.userId}`;
    const rule = await doc.update((draft) => {
      const built = buildRule(args, { id: `r${draft.nextRule}`, createdAt: ctx.now().toISOString(), createdBy: actor });
      draft.nextRule += 1;
      draft.rules.push(built);
      return built;
    });
    await audit(ctx, 'alerts rule add', `${rule.id}: ${describeRule(rule)}`, { details: { rule } });
    const channels = (await doc.read()).channels;
    const hint =
      channels.discord || channels.slack
        ? ''
        : '\nNo alerts channel is set yet: /alerts channel set <channel>. Until then alerts are only shown by `resellerops notify run-once`.';
    return reply({ title: `Rule ${rule.id} added`, text: `${describeRule(rule)}${hint}`, data: { rule } });
  },
});

const ruleList = subcommand({
  name: 'list',
  description: 'List the alert rules and where alerts go',
  minRole: 'staff',
  options: [],
  async run(ctx) {
    const config = await (await openAlertsConfig(ctx.services.store)).read();
    const channels = Object.entries(config.channels).map(([p, id]) => `${p}: ${id}`);
    return reply({
      title: 'Alert rules',
      tone: 'info',
      text: config.rules.length === 0 ? 'No rules yet. Add one with /alerts rule add.' : '',
      fields: [
        ...config.rules.map((r) => ({ label: r.id, value: describeRule(r) })),
        { label: 'Channels', value: channels.join(', ') || 'none set' },
      ],
      data: { rules: config.rules, channels: config.channels },
    });
  },
});

const ruleRemove = subcommand({
  name: 'remove',
  description: 'Remove an alert rule',
  minRole: 'staff',
  mutates: true,
  options: [{ name: 'id', type: 'string', description: 'Rule id, e.g. r3', required: true, maxLength: 16 }],
  async run(ctx, args) {
    const doc = await openAlertsConfig(ctx.services.store);
    const id = args.id.trim().toLowerCase();
    const removed = await doc.update((draft) => {
      const at = draft.rules.findIndex((r) => r.id === id);
      return at < 0 ? undefined : draft.rules.splice(at, 1)[0];
    });
    if (!removed) throw new UserInputError(`There is no rule ${id}.`, { hint: 'See /alerts rule list.' });
    await audit(ctx, 'alerts rule remove', `${removed.id}: ${describeRule(removed)}`);
    return reply({ title: `Rule ${removed.id} removed`, text: describeRule(removed), data: { rule: removed } });
  },
});

const test = subcommand({
  name: 'test',
  description: 'Send a sample alert to every alerts channel',
  minRole: 'staff',
  options: [],
  async run(ctx) {
    const notifier = notifierFor(ctx.services.store);
    if (!notifier) {
      return reply({
        title: 'Test alert (preview)',
        tone: 'info',
        text: 'No notifier runs in this process (it runs inside `resellerops start`), so nothing was sent. An alert reads like this:\n\nAlert: alice on Example\n  • Traffic left 8 GB (16 % of 50 GB): at or below 20 %',
        data: { sent: 0, targets: [] },
      });
    }
    const { message, targets, delivery } = await notifier.sendTest(ctx.actor.name ?? ctx.actor.userId);
    const where = targets.map((t) => `${t.platform}:${t.channelId}`);
    return reply({
      title: 'Test alert',
      tone: delivery.errors.length > 0 ? 'warning' : 'success',
      text:
        targets.length === 0
          ? 'No alerts channel is set: /alerts channel set <channel> first.'
          : `Queued for ${where.join(', ')}; delivered ${delivery.sent}.${
              delivery.errors.length > 0 ? `\nFailed (retried later): ${delivery.errors.join('; ')}` : ''
            }\n\n${messageText(message)}`,
      data: { sent: delivery.sent, targets: where, errors: delivery.errors, messageId: message.id },
    });
  },
});

export const alertsCommand = defineCommand({
  name: 'alerts',
  adminOnly: true,
  description: 'Usage alerts: where they go and what triggers them',
  subcommands: [
    { name: 'channel', description: 'Where alerts are posted', group: [channelSet] },
    { name: 'rule', description: 'What triggers an alert', group: [ruleAdd, ruleList, ruleRemove] },
    test,
  ],
});
