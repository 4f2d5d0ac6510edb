import type { Logger } from '../logger.js';
import type { SpendEvent } from '../services/order-spend.js';
import { formatMoney } from '../services/units.js';
import type { Store } from '../storage/store.js';
import type { AlertMessage } from './message.js';
import { alertTargets, entriesFor } from './outbox.js';
import { openAlertsConfig } from './rules.js';
import { notifierFor } from './running.js';

const verbs: Record<SpendEvent['kind'], string> = {
  buy: 'Order placed',
  renew: 'Order renewed',
  bandwidth: 'Bandwidth bought',
};

/** What the alerts channel is told of a purchase: what, the price, who. */
export function spendMessage(event: SpendEvent): AlertMessage {
  const who = `${event.actor.name ?? event.actor.userId} (${event.actor.platform})`;
  const price = formatMoney(event.price.minor, event.price.currency);
  return {
    id: `al_spend_${event.operation}`,
    title: `${verbs[event.kind]} at ${event.provider.displayName}`,
    lines: [`${event.what} for ${price}, by ${who}`],
    fields: [
      { label: 'Order', value: event.orderId, inline: true },
      { label: 'Price', value: price, inline: true },
      { label: 'By', value: who, inline: true },
    ],
    tone: 'info',
    subject: `${event.provider.id}:order:${event.orderId}`,
    provider: event.provider.id,
    createdAt: event.at,
  };
}

/**
 * Queues the message in the outbox for every alerts channel, from whichever process spent, and
 * delivers it now when this process runs the notifier (otherwise the notifier's next flush does).
 * Never throws: the money is spent whatever happens to the announcement.
 */
export async function announceSpend(
  store: Store,
  event: SpendEvent,
  options: { withWebhook: boolean; now: () => Date; logger: Logger },
): Promise<void> {
  try {
    const { channels } = await (await openAlertsConfig(store)).read();
    const targets = alertTargets(channels, options.withWebhook);
    if (targets.length === 0) return;
    await store.notify.enqueue(entriesFor(spendMessage(event), targets, options.now().getTime()));
    void notifierFor(store)
      ?.flush()
      .catch((err: unknown) => options.logger.warn({ err }, 'notifier: could not deliver a purchase alert yet'));
  } catch (err) {
    options.logger.error({ err, operation: event.operation }, 'could not queue the purchase alert');
  }
}
