import type { Store } from '../storage/store.js';
import type { Notifier } from './notifier.js';

/**
 * Which notifier works on a store in this process, apart from the notifier itself: the commands and
 * services that hand it a message (/alerts test, purchase alerts) look it up here without loading it
 * (a terminal command never runs one).
 */
const notifiers = new WeakMap<Store, Notifier>();

export function registerNotifier(store: Store, notifier: Notifier): void {
  notifiers.set(store, notifier);
}

/** The notifier working on this store in this process, if any. */
export function notifierFor(store: Store): Notifier | undefined {
  return notifiers.get(store);
}
