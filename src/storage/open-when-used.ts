import { StorageError } from './errors.js';
import { openStore } from './open.js';
import type { Store, StoreOptions } from './store.js';
import { describeTarget, type StoreTarget } from './target.js';

/** The members of a store part that answer with a promise: these can wait for the store to open. */
type Awaitable<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => Promise<unknown> ? K : never]: T[K];
};

/** The other members (synchronous methods, async generators): each part says what they do itself. */
type Immediate<T> = Omit<T, keyof Awaitable<T>>;

type Method = (...args: unknown[]) => unknown;

/**
 * A store part whose promise-returning methods open the store on their first call and then run on
 * the real part. The compiler makes `immediate` cover every member that does not return a promise,
 * so a method added to a part later cannot silently start answering with a promise.
 */
function deferredPart<T extends object>(part: () => Promise<T>, immediate: Immediate<T>): T {
  return new Proxy(immediate as object, {
    get(target, key) {
      if (key in target) return Reflect.get(target, key);
      // Not a thenable, so that awaiting a part by mistake does not open the store.
      if (typeof key === 'symbol' || key === 'then') return undefined;
      return async (...args: unknown[]) => {
        const real = (await part()) as Record<string, Method>;
        return (real[key] as Method).apply(real, args);
      };
    },
  }) as T;
}

/**
 * The store of `target`, opened by the first operation that reads or writes it rather than now: a
 * one-shot command that keeps nothing (a terminal `/help`) neither loads the backend's code nor
 * creates, locks or syncs a file. Opening happens once; if it fails, that operation and every later
 * one fail with the same error (a StorageError or LockBusyError, as opening at start would have
 * thrown). `opened` is told of the store when it opens (its repairs are worth a warning).
 */
export function openWhenUsed(target: StoreTarget, options: StoreOptions, opened: (store: Store) => void): Store {
  const { backend, location } = describeTarget(target);
  let opening: Promise<Store> | undefined;
  let open: Store | undefined;
  let closed = false;
  const store = (): Promise<Store> => {
    if (closed) return Promise.reject(new StorageError(location, `The store at ${location} was already closed.`));
    opening ??= openStore(target, options).then((real) => {
      open = real;
      opened(real);
      return real;
    });
    return opening;
  };
  const part =
    <K extends keyof Store>(name: K) =>
    async (): Promise<Store[K]> =>
      (await store())[name];
  return {
    backend,
    location,
    registry: deferredPart(part('registry'), {}),
    audit: deferredPart(part('audit'), {}),
    journal: deferredPart(part('journal'), {
      // Secrets are held in memory after a change started, so only an open store can hold one.
      holdSecret(id, values) {
        if (!open) throw new Error('A secret was held before any change started: the store is not open.');
        open.journal.holdSecret(id, values);
      },
      heldSecret: (id) => open?.journal.heldSecret(id),
      releaseSecret: (id) => open?.journal.releaseSecret(id),
    }),
    interactions: deferredPart(part('interactions'), {}),
    access: deferredPart(part('access'), {}),
    links: deferredPart(part('links'), {}),
    confirmations: deferredPart(part('confirmations'), {}),
    notify: deferredPart(part('notify'), {}),
    documents: deferredPart(part('documents'), {}),
    locks: deferredPart(part('locks'), {}),
    transfer: deferredPart(part('transfer'), {
      async *dump() {
        yield* (await store()).transfer.dump();
      },
    }),
    get repairs() {
      return open?.repairs ?? [];
    },
    maintain: async () => (await store()).maintain(),
    async close() {
      closed = true;
      const real = await opening?.catch(() => undefined);
      await real?.close();
    },
  };
}
