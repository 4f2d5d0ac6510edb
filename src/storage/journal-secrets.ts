/**
 * Secrets a finished change produced (a new customer's password), held in this process's memory
 * only — never written to disk, logged or audited — until its answer has reached the person who
 * asked, then forgotten. A restart loses them: the change itself is still known from the journal,
 * and the user is told to issue a new password.
 */
export interface HeldSecrets {
  hold(id: string, values: Record<string, string>): void;
  get(id: string): Record<string, string> | undefined;
  release(id: string): void;
  /** Operation ids with a secret still held, oldest first. */
  ids(): string[];
}

/** How long an answer that never arrived is kept for the asker to fetch again. */
export const defaultSecretHoldMs = 60 * 60 * 1000;

export function createHeldSecrets(now: () => Date, holdMs = defaultSecretHoldMs): HeldSecrets {
  const held = new Map<string, { values: Record<string, string>; until: number }>();

  function dropExpired(): void {
    const time = now().getTime();
    for (const [id, item] of held) if (item.until <= time) held.delete(id);
  }

  return {
    hold(id, values) {
      dropExpired();
      held.set(id, { values: { ...values }, until: now().getTime() + holdMs });
    },
    get(id) {
      dropExpired();
      const item = held.get(id);
      return item && { ...item.values };
    },
    release(id) {
      held.delete(id);
    },
    ids() {
      dropExpired();
      return [...held.keys()];
    },
  };
}
