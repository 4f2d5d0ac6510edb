import { redactSecrets } from '../redact.js';

/** Keys whose values are never stored, at any depth: passwords, keys, tokens, config contents… */
export const secretKeyPattern = /pass(word)?|secret|token|key|content|config|credential|private/i;

export interface Scrubbed<T> {
  value: T;
  /** True when a key was dropped or a string was changed by redaction. */
  removed: boolean;
}

/**
 * Deep copy of a JSON-like value that is safe to write down: keys matching `secretKeyPattern` are
 * dropped, strings go through `redactSecrets` (with the caller's known secrets), and anything that
 * JSON cannot hold (functions, symbols, undefined) is left out. Dates become ISO strings.
 */
export function scrubSecrets<T>(value: T, secrets: readonly string[] = []): Scrubbed<T> {
  const state = { removed: false };
  const out = scrubValue(value, secrets, state, new WeakSet());
  return { value: out as T, removed: state.removed };
}

function scrubValue(
  value: unknown,
  secrets: readonly string[],
  state: { removed: boolean },
  seen: WeakSet<object>,
): unknown {
  if (typeof value === 'string') {
    const clean = redactSecrets(value, secrets);
    if (clean !== value) state.removed = true;
    return clean;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object' || value === undefined) return undefined;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item) => {
        const clean = scrubValue(item, secrets, state, seen);
        return clean === undefined ? null : clean;
      });
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (secretKeyPattern.test(key)) {
        state.removed = true;
        continue;
      }
      const clean = scrubValue(item, secrets, state, seen);
      if (clean !== undefined) out[key] = clean;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
