/**
 * Ids seen lately (Slack `trigger_id`s), so a redelivered request is acknowledged and dropped instead
 * of run again. In memory: after a restart, the operation journal (keyed on the same id) still
 * replays a change rather than repeating it, and confirmations are answered once from the data dir.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly max = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `id` is offered within the window; false for a repeat. */
  firstTime(id: string): boolean {
    const t = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && t - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, t);
    if (this.seen.size > this.max) this.prune(t);
    return true;
  }

  private prune(t: number): void {
    for (const [id, at] of this.seen) {
      if (t - at >= this.ttlMs || this.seen.size > this.max) this.seen.delete(id);
      else break;
    }
  }
}
