import { AppError, ProviderError } from '../errors.js';
import type { Actor } from '../kit/context.js';
import type { Logger } from '../logger.js';
import type { ProviderId } from '../providers/types.js';
import type { Store } from '../storage/store.js';

/** What the change did, as the journal and the audit log may keep it: never a secret. */
export type ChangeRecord = Record<string, unknown>;

export type Verdict = 'applied' | 'not_applied' | 'unknown';

export interface ChangeRequest<R> {
  actor: Actor;
  interactionId: string;
  /** `balance add`, `customer create`… */
  command: string;
  provider: ProviderId;
  target: string;
  /** What was asked, without secrets; kept for reconciliation. */
  params: ChangeRecord;
  apply(): Promise<R>;
  /** The non-secret part of the result, for the journal, the audit log and replays. */
  record(result: R): ChangeRecord;
}

/**
 * After an outcome_unknown: reads back from the provider and says whether that earlier change (with
 * its recorded params) took effect. One per command kind, since the entry that blocks a target may
 * be of another kind than the change being asked for, or from before a restart.
 */
export type Verifier = (params: ChangeRecord, provider: ProviderId, target: string) => Promise<Verdict>;

export type ChangeOutcome<R> =
  | { kind: 'done'; result: R }
  /** The same interaction arrived again: what the first one recorded, secrets removed. */
  | { kind: 'replay'; record: ChangeRecord; secretsRemoved: boolean };

/**
 * Exactly-once for every change: recorded before the upstream call, replayed on a repeated
 * interaction, and, after an unknown outcome, checked against the provider before anyone may try
 * the same change on the same target again.
 */
export class ChangeRunner {
  private readonly verifiers = new Map<string, Verifier>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  registerVerifier(kind: string, verify: Verifier): void {
    this.verifiers.set(kind, verify);
  }

  /** One change at a time per account: vendors' read-then-write calls (ProxyLite's limit) would lose one. */
  private readonly queues = new Map<string, Promise<unknown>>();

  async run<R>(req: ChangeRequest<R>): Promise<ChangeOutcome<R>> {
    const key = `${req.provider}:${req.target.toLowerCase()}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const turn = previous.then(
      () => this.runNow(req),
      () => this.runNow(req),
    );
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

  private async runNow<R>(req: ChangeRequest<R>): Promise<ChangeOutcome<R>> {
    const begun = await this.store.journal.begin({
      interactionId: req.interactionId,
      kind: req.command,
      provider: req.provider,
      target: req.target,
      actor: {
        platform: req.actor.platform,
        userId: req.actor.userId,
        ...(req.actor.name ? { name: req.actor.name } : {}),
      },
      params: req.params,
    });
    if (begun.state === 'replay') {
      const entry = begun.entry;
      if (entry.status === 'failed') {
        throw new AppError(entry.error?.code ?? 'internal', entry.error?.message ?? 'This request failed earlier.');
      }
      if (entry.status === 'outcome_unknown') {
        if (entry.resolution?.outcome === 'applied') return { kind: 'replay', record: {}, secretsRemoved: true };
        if (entry.resolution?.outcome === 'not_applied') {
          throw new AppError(
            'conflict',
            'This request did not go through earlier, and a redelivery does not repeat it.',
            {
              hint: 'Run the command again if you still want it.',
            },
          );
        }
        throw new AppError('outcome_unknown', 'This request was already sent and its outcome is still being checked.');
      }
      return { kind: 'replay', record: entry.result ?? {}, secretsRemoved: entry.secretsRemoved ?? false };
    }
    if (begun.state === 'in_progress') {
      throw new AppError('conflict', 'This request is already being handled.', { hint: 'Wait for its answer.' });
    }
    if (begun.state === 'blocked') {
      await this.reconcile(begun.entry);
      return this.runNow(req);
    }
    const id = begun.entry.id;
    try {
      const result = await req.apply();
      const record = req.record(result);
      await this.store.journal.succeed(id, record);
      await this.audit(req, 'ok', { summary: record });
      return { kind: 'done', result };
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'outcome_unknown') {
        await this.store.journal.unknown(id, { message: error.message });
        await this.audit(req, 'outcome_unknown', { errorCode: error.code });
      } else {
        const code = error instanceof AppError ? error.code : 'internal';
        const message = error instanceof AppError ? error.message : 'internal error';
        await this.store.journal.fail(id, { code, message });
        await this.audit(req, 'error', { errorCode: code });
      }
      throw error;
    }
  }

  private async reconcile(entry: {
    id: string;
    kind: string;
    provider: string;
    target: string;
    params: ChangeRecord;
    at?: string;
  }): Promise<void> {
    const verify = this.verifiers.get(entry.kind);
    const verdict: Verdict = verify
      ? await verify(entry.params, entry.provider as ProviderId, entry.target)
      : 'unknown';
    this.logger.info(
      { operation: entry.id, kind: entry.kind, verdict },
      'reconciled an operation whose outcome was unknown',
    );
    if (verdict === 'unknown') {
      throw new AppError(
        'outcome_unknown',
        `An earlier /${entry.kind} on ${entry.target} may or may not have gone through, and ${entry.provider} cannot tell us yet.`,
        { hint: `Check it at the provider, then an owner can settle it with /journal resolve ${entry.id}.` },
      );
    }
    await this.store.journal.resolve(entry.id, verdict, 'read back from the provider');
    if (verdict === 'applied') {
      throw new AppError(
        'conflict',
        `An earlier /${entry.kind} on ${entry.target} did go through after all, so nothing new was done.`,
        {
          hint: 'Check the account, then run the command again only if you still want another change.',
        },
      );
    }
  }

  private async audit(
    req: ChangeRequest<unknown>,
    result: 'ok' | 'error' | 'outcome_unknown',
    extra: { summary?: ChangeRecord; errorCode?: string },
  ): Promise<void> {
    await this.store.audit.append({
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
      details: { ...req.params, ...extra.summary },
    });
  }
}
