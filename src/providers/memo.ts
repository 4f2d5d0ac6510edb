/**
 * Remembers what a read returned for a short while, per key, so a quote and the purchase that follows
 * check their input against the same catalog without reading it twice. A failed read is not kept.
 */
export function shortMemo(ttlMs: number, now: () => number = Date.now) {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = load();
    entries.set(key, { at: now(), value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  };
}

export type ShortMemo = ReturnType<typeof shortMemo>;
