import type { Logger } from '../logger.js';
import type { ProviderId } from '../providers/registry.js';
import type { OrderCatalog } from '../providers/types.js';
import type { ProviderDirectory } from './providers.js';

/** How long a vendor's catalog is served before it is read again: stock and prices move, lists rarely. */
export const catalogTtlMs = 10 * 60_000;

interface Cached {
  catalog: OrderCatalog;
  readAt: number;
}

/**
 * The vendors' order catalogs, read from their list endpoints and kept briefly. Commands wait for a
 * fresh one; autocomplete only ever takes what is here (`peek`), and a stale or missing entry starts
 * a read in the background for the next keystroke. Nothing is read at start-up: a bot that never
 * sells anything never asks the vendors for their catalogs.
 */
export class OrderCatalogs {
  private readonly cached = new Map<ProviderId, Cached>();
  private readonly reading = new Map<ProviderId, Promise<OrderCatalog>>();

  constructor(
    private readonly providers: ProviderDirectory,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly ttlMs = catalogTtlMs,
  ) {}

  /** The catalog, read again when older than the TTL; one read at a time per vendor. */
  async get(id: ProviderId): Promise<OrderCatalog> {
    const hit = this.cached.get(id);
    if (hit && this.fresh(hit)) return hit.catalog;
    return this.read(id);
  }

  /** What is cached now, fresh or not; never waits. A stale or missing catalog is read in the background. */
  peek(id: ProviderId): OrderCatalog | undefined {
    const hit = this.cached.get(id);
    if (!hit || !this.fresh(hit)) this.warmOne(id);
    return hit?.catalog;
  }

  private warmOne(id: ProviderId): void {
    if (this.reading.has(id)) return;
    this.read(id).catch((error: unknown) =>
      this.logger.warn({ err: error, provider: id }, 'could not read the order catalog for autocomplete'),
    );
  }

  private fresh(hit: Cached): boolean {
    return this.now().getTime() - hit.readAt < this.ttlMs;
  }

  private read(id: ProviderId): Promise<OrderCatalog> {
    const pending = this.reading.get(id);
    if (pending) return pending;
    const orders = this.providers.capability(this.providers.get(id), 'orders');
    const started = orders
      .catalog()
      .then((catalog) => {
        this.cached.set(id, { catalog, readAt: this.now().getTime() });
        return catalog;
      })
      .finally(() => this.reading.delete(id));
    this.reading.set(id, started);
    return started;
  }
}
