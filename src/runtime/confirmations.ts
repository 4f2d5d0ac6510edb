import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { OptionSpec } from '../kit/options.js';
import type { PendingConfirmation } from '../storage/confirmations.js';
import type { Store } from '../storage/store.js';

export type { PendingConfirmation } from '../storage/confirmations.js';

export type ConfirmationAnswer =
  | { kind: 'confirmed'; pending: PendingConfirmation; args: Record<string, unknown> }
  | { kind: 'cancelled'; pending: PendingConfirmation }
  /** Too late, or a secret it needed was lost in a restart: the command must be run again. */
  | { kind: 'expired'; pending: PendingConfirmation; reason: 'timeout' | 'restart' };

/** How long a Confirm/Cancel stays pressable. */
export const defaultConfirmationTtlMs = 10 * 60_000;

/**
 * Pending Confirm/Cancel questions, kept in the store so the buttons survive a restart and work
 * whichever process gets the press. Only the person who asked may answer, each question is
 * answered once (the store settles it for one caller only), and it expires.
 */
export class Confirmations {
  /** Secret option values (a chosen password) never leave this process's memory. */
  private readonly secrets = new Map<string, Record<string, unknown>>();
  private readonly now: () => Date;
  private readonly ttlMs: number;

  constructor(
    private readonly store: Store,
    options: { now?: () => Date; ttlMs?: number } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.ttlMs = options.ttlMs ?? defaultConfirmationTtlMs;
  }

  async ask(input: {
    path: string;
    /** The command's options: secret ones are kept out of the data dir. */
    options: readonly OptionSpec[];
    args: Record<string, unknown>;
    requester: { platform: string; userId: string };
    interactionId: string;
    terms?: Record<string, unknown>;
  }): Promise<PendingConfirmation> {
    const secretNames = input.options.filter((o) => o.secret).map((o) => o.name);
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
      ...(input.terms ? { terms: input.terms } : {}),
    };
    if (Object.keys(secretArgs).length > 0) this.secrets.set(pending.id, secretArgs);
    await this.store.confirmations.add(pending);
    return pending;
  }

  /**
   * Answers a question once. Throws `forbidden` for anyone but the requester, `conflict` when it was
   * already answered, and `invalid_input` when it expired or is unknown.
   */
  async answer(id: string, by: { platform: string; userId: string }, confirm: boolean): Promise<ConfirmationAnswer> {
    const pending = await this.store.confirmations.get(id);
    if (!pending) {
      throw new AppError('invalid_input', 'This confirmation is no longer known.', { hint: 'Run the command again.' });
    }
    if (pending.requester.platform !== by.platform || pending.requester.userId !== by.userId) {
      throw new AppError('forbidden', 'Only the person who asked can answer this.');
    }
    if (pending.state !== 'pending') throw new AppError('conflict', `This was already ${pending.state}.`);
    const secretArgs = this.secrets.get(id);
    const expired = Date.parse(pending.expiresAt) <= this.now().getTime();
    const lost = confirm && pending.secretNames.length > 0 && !secretArgs;
    const state = expired || lost ? 'expired' : confirm ? 'confirmed' : 'cancelled';
    const settled = await this.store.confirmations.settle(id, state, this.now().toISOString());
    if (!settled.settled)
      throw new AppError('conflict', `This was already ${settled.confirmation?.state ?? 'answered'}.`);
    this.secrets.delete(id);
    const answered = settled.confirmation;
    if (state === 'expired') return { kind: 'expired', pending: answered, reason: expired ? 'timeout' : 'restart' };
    if (state === 'cancelled') return { kind: 'cancelled', pending: answered };
    return { kind: 'confirmed', pending: answered, args: { ...answered.args, ...secretArgs } };
  }

  get(id: string): Promise<PendingConfirmation | undefined> {
    return this.store.confirmations.get(id);
  }
}
