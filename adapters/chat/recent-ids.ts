/**
 * Ids this process has seen lately, each kept for `ttlMs`. The chat adapters use it to recognise a
 * redelivery to the same process at once, before acknowledging and before any disk work; the
 * store's interaction claims (shared by every process) are checked after the acknowledgement.
 */
export class RecentIds {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** True the first time `id` is added (within its time to live), false for a repeat. */
  add(id: string): boolean {
    const t = this.now();
    // Insertion order is expiry order: drop from the front until an id still lives.
    for (const [seen, expires] of this.until) {
      if (expires > t) break;
      this.until.delete(seen);
    }
    if (this.until.has(id)) return false;
    this.until.set(id, t + this.ttlMs);
    return true;
  }
}
