/**
 * Work an adapter has taken on and not finished: what stop() drains, and what a test waits on before
 * it asserts that nothing more happened.
 */
export class InFlight {
  private readonly work = new Set<Promise<unknown>>();

  /** Counts `promise` until it settles, and hands it back. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.work.add(promise);
    const done = () => this.work.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** Work taken on and not yet finished. */
  get size(): number {
    return this.work.size;
  }

  /** Resolves once everything taken on has finished, work started meanwhile included. */
  async settled(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }
}
