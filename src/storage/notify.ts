import * as z from 'zod';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * The notifier's memory: which alerts fired (so each fires once until its condition clears), each
 * provider's health, and the delivery outbox. A sweep records its alerts as fired and their
 * messages as due in one atomic commit, so a crash can neither lose an alert nor queue it twice;
 * each delivery is then claimed by one process, sent, and marked on its own (O(1) per alert).
 */
export const outboxPlatforms = ['discord', 'slack', 'webhook'] as const;

export const outboxEntrySchema = z.lazy(() =>
  z.object({
    /** `${messageId}@${platform}:${channelId}`: one delivery. */
    id: z.string(),
    messageId: z.string(),
    platform: z.enum(outboxPlatforms),
    channelId: z.string(),
    message: z.object({
      id: z.string(),
      title: z.string(),
      lines: z.array(z.string()),
      fields: z.array(z.object({ label: z.string(), value: z.string(), inline: z.boolean().optional() })),
      tone: z.enum(['info', 'warning', 'error', 'success']),
      chartPlan: z
        .object({
          name: z.string(),
          series: z.object({
            title: z.string(),
            labels: z.array(z.string()),
            values: z.array(z.number()),
            unit: z.string(),
          }),
        })
        .optional(),
      subject: z.string(),
      provider: z.string().optional(),
      createdAt: z.string(),
      actions: z
        .array(z.object({ id: z.string(), label: z.string(), style: z.enum(['primary', 'danger']) }))
        .optional(),
    }),
    status: z.enum(['pending', 'sent', 'failed']),
    attempts: z.number().int().min(0),
    nextAttemptAt: z.string(),
    createdAt: z.string(),
    sentAt: z.string().optional(),
    lastError: z.string().optional(),
  }),
);
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export const providerHealthSchema = z.lazy(() =>
  z.object({
    /** Consecutive sweeps in which the provider could not be read. */
    failures: z.number().int().min(0),
    /** The provider rejected our key in the last sweep. */
    authRejected: z.boolean(),
    lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).optional(),
    lastOkAt: z.string().optional(),
    /** It answered rate_limited: skipped until then. */
    backoffUntil: z.string().optional(),
  }),
);
export type ProviderHealth = z.infer<typeof providerHealthSchema>;

export const firedSchema = z.lazy(() => z.object({ at: z.string(), subject: z.string() }));

export const notifyStateSchema = z.lazy(() =>
  z.object({
    /** key `rule|subject|threshold` → when it fired. Present = armed off; removed when the condition clears. */
    fired: z.record(z.string(), firedSchema),
    /** Failure streak and back-off per provider. */
    providers: z.record(z.string(), providerHealthSchema),
  }),
);
export type NotifyState = z.infer<typeof notifyStateSchema>;

export interface ClaimQuery {
  /** Only platforms this process has a sink for. */
  platforms: readonly string[];
  now: string;
  /** Who claims (for logs); a claim lapses at `until`, or when its process ends. */
  by: string;
  until: string;
  limit?: number;
}

export interface DeliveryFailure {
  attempts: number;
  lastError: string;
  /** Failed for good (the platform refused the channel): no more attempts. */
  permanent: boolean;
  /** When to try again, unless permanent. */
  nextAttemptAt?: string;
}

export interface NotifyStore {
  read(): Promise<NotifyState>;
  /**
   * One sweep's outcome: `fn` gets a copy of the state as stored now and returns the deliveries to
   * queue; the changed state and the deliveries are stored together, or neither is.
   */
  commit<R>(fn: (draft: NotifyState) => { enqueue: OutboxEntry[]; result: R }): Promise<R>;
  /** Queues deliveries (an id already queued is left as it is). */
  enqueue(entries: readonly OutboxEntry[]): Promise<void>;
  /** Due, pending, unclaimed deliveries, oldest first, now claimed: no other process sends them. */
  claimDue(query: ClaimQuery): Promise<OutboxEntry[]>;
  /** Gives claimed deliveries back unsent (a failure stopped their channel). */
  unclaim(ids: readonly string[]): Promise<void>;
  markSent(id: string, at: string): Promise<void>;
  markFailed(id: string, failure: DeliveryFailure): Promise<void>;
  /** Every pending delivery, oldest first. */
  pending(): Promise<OutboxEntry[]>;
  pendingCount(): Promise<number>;
  /** When the earliest pending delivery for these platforms is due. */
  nextDueAt(platforms: readonly string[]): Promise<string | undefined>;
}

/** Delivered entries are kept this long (for `notify` reports), then compacted away. */
export const sentRetentionMs = 7 * 86_400_000;
