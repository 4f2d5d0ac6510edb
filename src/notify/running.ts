import type { Store } from '../storage/store.js';
import type { AlertMessage } from './message.js';
import type { DeliveryReport, Target } from './outbox.js';

/** What the lookups use of the notifier (notifier.ts). */
export interface RunningNotifier {
  /** Sends what is due now. */
  flush(): Promise<DeliveryReport>;
  /** Queues and sends a sample alert to every alerts channel (/alerts test). */
  sendTest(actor: string): Promise<{ message: AlertMessage; targets: Target[]; delivery: DeliveryReport }>;
}

/**
 * Which notifier works on a store in this process, apart from the notifier itself: the commands and
 * services that hand it a message (/alerts test, purchase alerts) look it up here without loading it
 * (a terminal command never runs one).
 */
const notifiers = new WeakMap<Store, RunningNotifier>();

export function registerNotifier(store: Store, notifier: RunningNotifier): void {
  notifiers.set(store, notifier);
}

/** The notifier working on this store in this process, if any. */
export function notifierFor(store: Store): RunningNotifier | undefined {
  return notifiers.get(store);
}
