import * as z from 'zod';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/** Pending Confirm/Cancel questions: asked once, answered once, across every process on the store. */
export const confirmationStates = ['pending', 'confirmed', 'cancelled', 'expired'] as const;
export type ConfirmationState = (typeof confirmationStates)[number];

export const pendingConfirmationSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    path: z.string(),
    /** Arguments without secret options; those stay in the asking process's memory only. */
    args: z.record(z.string(), z.unknown()),
    secretNames: z.array(z.string()),
    requester: z.object({ platform: z.string(), userId: z.string() }),
    interactionId: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    state: z.enum(confirmationStates),
    /** What the question showed that the run must still find true (the price a purchase was confirmed at). */
    terms: z.record(z.string(), z.unknown()).optional(),
    /** When it left `pending`. */
    answeredAt: z.string().optional(),
  }),
);
export type PendingConfirmation = z.infer<typeof pendingConfirmationSchema>;

export type SettleResult =
  | { settled: true; confirmation: PendingConfirmation }
  /** It was not pending any more (someone answered first), or is unknown. */
  | { settled: false; confirmation: PendingConfirmation | undefined };

export interface ConfirmationStore {
  add(confirmation: PendingConfirmation): Promise<void>;
  get(id: string): Promise<PendingConfirmation | undefined>;
  /** Moves a pending question to `state`; only one caller, in any process, ever succeeds. */
  settle(id: string, state: Exclude<ConfirmationState, 'pending'>, at: string): Promise<SettleResult>;
}

/** Answered or expired questions are kept this long, then compacted away. */
export const confirmationRetentionMs = 24 * 60 * 60 * 1000;

/** Whether maintenance may drop it. */
export function confirmationDone(confirmation: PendingConfirmation, now: number): boolean {
  const over =
    confirmation.state === 'pending' ? confirmation.expiresAt : (confirmation.answeredAt ?? confirmation.createdAt);
  return Date.parse(over) + confirmationRetentionMs < now;
}
