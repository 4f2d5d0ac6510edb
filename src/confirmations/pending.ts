import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { LeafSpec } from '../kit/command.js';
import type { StoredDocument } from '../storage/document.js';
import type { Store } from '../storage/store.js';

const pendingSchema = z.object({
  id: z.string(),
  path: z.string(),
  /** Arguments without secret options; those stay in memory only. */
  args: z.record(z.string(), z.unknown()),
  secretNames: z.array(z.string()),
  requester: z.object({ platform: z.string(), userId: z.string() }),
  interactionId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  state: z.enum(['pending', 'confirmed', 'cancelled', 'expired']),
});
export type PendingConfirmation = z.infer<typeof pendingSchema>;

const documentSchema = z.object({ pending: z.array(pendingSchema) });
type ConfirmationsDocument = z.infer<typeof documentSchema>;

export type ConfirmationAnswer =
  | { kind: 'confirmed'; pending: PendingConfirmation; args: Record<string, unknown> }
  | { kind: 'cancelled'; pending: PendingConfirmation }
  /** Too late, or a secret it needed was lost in a restart: the command must be run again. */
  | { kind: 'expired'; pending: PendingConfirmation; reason: 'timeout' | 'restart' };

/** How long a Confirm/Cancel stays pressable. */
export const defaultConfirmationTtlMs = 10 * 60_000;

/**
 * Pending Confirm/Cancel questions, kept in the data dir so the buttons survive a restart. Only the
 * person who asked may answer, each question is answered once, and it expires.
 */
export class Confirmations {
  /** Secret option values (a chosen password) never touch the disk. */
  private readonly secrets = new Map<string, Record<string, unknown>>();

  private constructor(
    private readonly doc: StoredDocument<ConfirmationsDocument>,
    private readonly now: () => Date,
    private readonly ttlMs: number,
  ) {}

  static async open(store: Store, options: { now?: () => Date; ttlMs?: number } = {}): Promise<Confirmations> {
    const doc = await store.openDocument('confirmations', documentSchema, { pending: [] });
    return new Confirmations(doc, options.now ?? (() => new Date()), options.ttlMs ?? defaultConfirmationTtlMs);
  }

  async ask(input: {
    path: string;
    leaf: LeafSpec;
    args: Record<string, unknown>;
    requester: { platform: string; userId: string };
    interactionId: string;
  }): Promise<PendingConfirmation> {
    const secretNames = input.leaf.options.filter((o) => o.secret).map((o) => o.name);
    const publicArgs = Object.fromEntries(Object.entries(input.args).filter(([k]) => !secretNames.includes(k)));
    const secretArgs = Object.fromEntries(Object.entries(input.args).filter(([k]) => secretNames.includes(k)));
    const created = this.now();
    const pending: PendingConfirmation = {
      id: randomBytes(12).toString('base64url'),
      path: input.path,
      args: publicArgs,
      secretNames: Object.keys(secretArgs),
      requester: input.requester,
      interactionId: input.interactionId,
      createdAt: created.toISOString(),
      expiresAt: new Date(created.getTime() + this.ttlMs).toISOString(),
      state: 'pending',
    };
    if (Object.keys(secretArgs).length > 0) this.secrets.set(pending.id, secretArgs);
    await this.doc.update((draft) => {
      // Old answered or expired questions are dropped here, so the document stays small.
      const cutoff = created.getTime() - 24 * 3_600_000;
      draft.pending = draft.pending.filter((p) => p.state === 'pending' || Date.parse(p.createdAt) > cutoff);
      draft.pending.push(pending);
    });
    return pending;
  }

  /**
   * Answers a question once. Throws `forbidden` for anyone but the requester, `conflict` when it was
   * already answered, and `invalid_input` when it expired or is unknown.
   */
  async answer(id: string, by: { platform: string; userId: string }, confirm: boolean): Promise<ConfirmationAnswer> {
    return this.doc.update((draft): ConfirmationAnswer => {
      const pending = draft.pending.find((p) => p.id === id);
      if (!pending)
        throw new AppError('invalid_input', 'This confirmation is no longer known.', {
          hint: 'Run the command again.',
        });
      if (pending.requester.platform !== by.platform || pending.requester.userId !== by.userId) {
        throw new AppError('forbidden', 'Only the person who asked can answer this.');
      }
      if (pending.state !== 'pending') {
        throw new AppError('conflict', `This was already ${pending.state}.`);
      }
      if (Date.parse(pending.expiresAt) <= this.now().getTime()) {
        pending.state = 'expired';
        this.secrets.delete(id);
        return { kind: 'expired', pending: { ...pending }, reason: 'timeout' };
      }
      const secretArgs = this.secrets.get(id);
      if (confirm && pending.secretNames.length > 0 && !secretArgs) {
        pending.state = 'expired';
        return { kind: 'expired', pending: { ...pending }, reason: 'restart' };
      }
      pending.state = confirm ? 'confirmed' : 'cancelled';
      this.secrets.delete(id);
      if (!confirm) return { kind: 'cancelled', pending: { ...pending } };
      return { kind: 'confirmed', pending: { ...pending }, args: { ...pending.args, ...secretArgs } };
    });
  }

  get(id: string): PendingConfirmation | undefined {
    const found = this.doc.read().pending.find((p) => p.id === id);
    return found ? (structuredClone(found) as PendingConfirmation) : undefined;
  }
}
