import { AppError, ProviderError } from '../errors.js';
import type { Actor } from '../kit/actor.js';
import type { Logger } from '../logger.js';
import type { JournalEntry, Resolution } from '../storage/journal.js';
import type { Store } from '../storage/store.js';
import type { ChangeOutcome, ChangeRecord, ChangeReplay, ChangeRequest } from './change-types.js';
import type { RequestMeta } from './meta.js';
import { type ChangeKind, Settlement, type Verifier } from './settle.js';

export type { ChangeOutcome, ChangeRecord, ChangeReplay, ChangeRequest } from './change-types.js';
export type { ChangeKind, Verdict, Verifier } from './settle.js';

export interface ChangeRunnerOptions {
  now?: () => Date;
  /** How long a change waits for another change to the same account, in any process (default 120 s). */
  lockWaitMs?: number;
  /** The providers' per-request timeout: how long a request already sent may still land. */
  requestTimeoutMs?: number;
}

/**
 * Exactly-once for every change: recorded before the upstream call, replayed on a repeated
 * interaction, and, after an unknown outcome, checked against the provider before anyone may try
 * the same change on the same target again.
 */
export class ChangeRunner {
  private readonly settlement: Settlement;
  private readonly lockWaitMs: number;

  constructor(
    private readonly store: Store,
    logger: Logger,
    options: ChangeRunnerOptions = {},
  ) {
    this.lockWaitMs = options.lockWaitMs ?? 120_000;
    this.settlement = new Settlement(
      store,
      logger,
      options.now ?? (() => new Date()),
      options.requestTimeoutMs ?? 15_000,
    );
  }

  registerVerifier(kind: string, verify: Verifier, options: Omit<ChangeKind, 'verify'> = {}): void {
    this.settlement.kinds.set(kind, { verify, ...options });
  }

  /** Changes whose outcome is unknown, oldest first, with when a read-back can first tell. */
  async unresolved(): Promise<Array<{ entry: JournalEntry; provableFrom: string }>> {
    return (await this.store.journal.unresolved()).map((entry) => ({
      entry,
      provableFrom: new Date(this.settlement.provableFrom(entry)).toISOString(),
    }));
  }

  /** `/journal resolve`: an owner settles an unknown outcome after checking the provider. */
  resolve(id: string, outcome: Resolution, owner: Actor, note?: string) {
    return this.settlement.resolveByOwner(id, outcome, owner, note);
  }

  /**
   * The answer carrying this change's secret has gone out: forget the secret. Not when the answer
   * deadline already passed — the user never saw that answer, and asking again shows it once.
   */
  answered(operation: string, meta: RequestMeta): void {
    if (!meta.deadline?.aborted) this.store.journal.releaseSecret(operation);
  }

  /** For services with local records of their own after a change (the customer registry). */
  async recordLocally(what: string, write: () => Promise<unknown>, unwritten: string[]): Promise<void> {
    await this.quietly(write, what, unwritten);
  }

  /** What the user is told when local records could not be written; undefined when all were. */
  unwrittenWarning(unwritten: readonly string[]): string | undefined {
    return unwritten.length > 0 ? this.settlement.unwrittenWarning(unwritten) : undefined;
  }

  /**
   * One change at a time per account, across every process on the store: vendors' read-then-write
   * calls (ProxyLite's limit) would lose one. Changes here queue in memory first, so only one of
   * them at a time waits for the store's lock.
   */
  private readonly queues = new Map<string, Promise<unknown>>();

  /**
   * Resolves once every change this process started has ended and written its journal and audit
   * lines, the ones still carrying on after their answer deadline included; for a clean shutdown.
   */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all(this.queues.values());
  }

  async run<R, S = undefined>(req: ChangeRequest<R, S>): Promise<ChangeOutcome<R>> {
    const key = `${req.provider}:${req.target.toLowerCase()}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const locked = () =>
      this.store.locks.withLock(`account:${key}`, () => this.runNow(req), { waitMs: this.lockWaitMs });
    const turn = previous.then(locked, locked);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return turn;
  }

  private async runNow<R, S>(req: ChangeRequest<R, S>): Promise<ChangeOutcome<R>> {
    const journal = this.store.journal;
    const unseen = await journal.findHeld({
      kind: req.command,
      provider: req.provider,
      target: req.target,
      platform: req.actor.platform,
      userId: req.actor.userId,
    });
    if (unseen) return this.replayOf(unseen, req);
    const state = (await req.read?.()) as S;
    const params = typeof req.params === 'function' ? req.params(state) : req.params;
    const begun = await journal.begin({
      interactionId: req.interactionId,
      kind: req.command,
      provider: req.provider,
      target: req.target,
      actor: {
        platform: req.actor.platform,
        userId: req.actor.userId,
        ...(req.actor.name ? { name: req.actor.name } : {}),
      },
      params,
      landsWithinMs: this.settlement.windowMs(req.provider, req.command),
    });
    if (begun.state === 'replay') {
      const entry = begun.entry;
      if (entry.status === 'failed') {
        throw new AppError(entry.error?.code ?? 'internal', entry.error?.message ?? 'This request failed earlier.');
      }
      if (entry.status === 'outcome_unknown') {
        if (entry.resolution?.outcome === 'applied') return { ...this.replayOf(entry, req), record: {} };
        if (entry.resolution?.outcome === 'not_applied') {
          throw new AppError(
            'conflict',
            'This request did not go through earlier, and a redelivery does not repeat it.',
            { hint: 'Run the command again if you still want it.' },
          );
        }
        throw new AppError('outcome_unknown', 'This request was already sent and its outcome is still being checked.');
      }
      return this.replayOf(entry, req);
    }
    if (begun.state === 'in_progress') {
      throw new AppError('conflict', 'This request is already being handled.', { hint: 'Wait for its answer.' });
    }
    if (begun.state === 'busy') {
      throw new AppError('conflict', `Another change to ${req.target} is being carried out right now.`, {
        hint: 'Wait for its answer, then run the command again if you still want it.',
      });
    }
    if (begun.state === 'blocked') {
      const blocker = begun.entry;
      const verdict = await this.settlement.reconcile(blocker);
      // A redelivery of the very request that was unknown answers with how it ended (runNow again).
      if (verdict === 'applied' && blocker.interactionId !== req.interactionId) {
        const hint = this.settlement.kinds.get(blocker.kind)?.appliedHint;
        throw new AppError(
          'conflict',
          `An earlier /${blocker.kind} on ${blocker.target} did go through after all, so nothing new was done.`,
          {
            hint: `${hint ? `${hint} ` : ''}Check the account, then run the command again only if you still want another change.`,
          },
        );
      }
      return this.runNow(req);
    }
    return this.carryOut(req, begun.entry.id, state, params);
  }

  private async carryOut<R, S>(
    req: ChangeRequest<R, S>,
    id: string,
    state: S,
    params: ChangeRecord,
  ): Promise<ChangeOutcome<R>> {
    let result: R;
    try {
      result = await req.apply(state);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'outcome_unknown') {
        await this.quietly(() => this.store.journal.unknown(id, { message: error.message }));
        await this.quietly(() => this.audit(req, params, 'outcome_unknown', { errorCode: error.code }));
      } else {
        const code = error instanceof AppError ? error.code : 'internal';
        const message = error instanceof AppError ? error.message : 'internal error';
        await this.quietly(() => this.store.journal.fail(id, { code, message }));
        await this.quietly(() => this.audit(req, params, 'error', { errorCode: code }));
      }
      throw error;
    }
    // From here on the change has happened upstream: no local failure may hide that, or its secret.
    const secret = req.secret?.(result);
    if (secret) this.store.journal.holdSecret(id, secret);
    const record = req.record(result);
    const unwritten: string[] = [];
    const secrets = Object.values(secret ?? {});
    await this.quietly(() => this.store.journal.succeed(id, record, { secrets }), 'journal', unwritten);
    await this.quietly(() => this.audit(req, params, 'ok', { summary: record }, secrets), 'audit log', unwritten);
    return { kind: 'done', result, operation: id, unwritten };
  }

  private replayOf(entry: JournalEntry, req: Pick<ChangeRequest<unknown>, 'actor'>): ChangeReplay {
    const mine = entry.actor.platform === req.actor.platform && entry.actor.userId === req.actor.userId;
    const secret = mine ? this.store.journal.heldSecret(entry.id) : undefined;
    return {
      kind: 'replay',
      record: entry.result ?? {},
      secretsRemoved: entry.secretsRemoved ?? true,
      operation: entry.id,
      ...(secret ? { secret } : {}),
    };
  }

  /**
   * Local bookkeeping after the upstream call: a failure is logged and noted in `failed`, and never
   * replaces what the upstream call did.
   */
  private async quietly(write: () => Promise<unknown>, what = 'journal or audit log', failed?: string[]) {
    try {
      await write();
    } catch (error) {
      this.settlement.logUnwritten(what, error);
      failed?.push(what);
    }
  }

  private async audit(
    req: Pick<ChangeRequest<unknown>, 'actor' | 'command' | 'provider' | 'target'>,
    params: ChangeRecord,
    result: 'ok' | 'error' | 'outcome_unknown',
    extra: { summary?: ChangeRecord; errorCode?: string },
    secrets: readonly string[] = [],
  ): Promise<void> {
    await this.store.audit.append(
      {
        actor: {
          platform: req.actor.platform,
          userId: req.actor.userId,
          ...(req.actor.name ? { name: req.actor.name } : {}),
        },
        platform: req.actor.platform,
        command: req.command,
        provider: req.provider,
        target: req.target,
        result,
        ...(extra.errorCode ? { errorCode: extra.errorCode } : {}),
        details: { ...params, ...extra.summary },
      },
      { secrets },
    );
  }
}
