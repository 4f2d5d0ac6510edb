import { AppError } from '../../errors.js';
import type { Actor } from '../../kit/actor.js';
import type { Money } from '../../providers/types.js';
import type { Store } from '../../storage/store.js';
import { formatMoney } from '../units.js';
import { type ApprovalRequest, Approvals } from './approvals.js';
import { spentToday } from './ledger.js';
import { limitFor, openSpendSettings, thresholdFor } from './settings.js';

/** A purchase or renewal about to be sent: who asks, where, for what price, and how to run it again. */
export interface SpendAttempt {
  provider: { id: string; displayName: string };
  /** The vendor's own quote. */
  price: Money;
  actor: Pick<Actor, 'platform' | 'userId' | 'name'>;
  /** Set when this run carries out a request a second owner approved. */
  approval?: { id: string } | undefined;
  /** What an approval runs again: the command and its arguments, and a sentence for the owners. */
  rerun: {
    path: string;
    args: Record<string, unknown>;
    summary: string;
    /** What the approved run must still find true (the price and promo it was asked at). */
    terms?: Record<string, unknown>;
  };
}

export type Gate =
  | { kind: 'go' }
  /** `announcedTo`: the chat platforms whose alert channel shows it (none when no alert channel is set). */
  | { kind: 'approval-requested'; request: ApprovalRequest; announcedTo: string[] };

/** What the rules say about a price at a provider today, before anything is asked. */
export interface SpendAssessment {
  spentMinor: number;
  limit?: Money;
  /** The limit would be passed: refused. */
  overLimit: boolean;
  threshold?: Money;
  needsApproval: boolean;
}

/** Posts a new request where owners see it (the alert channels); injected by the composition root. */
export type AnnounceApproval = (request: ApprovalRequest) => Promise<string[]>;

/**
 * The owners' spending guard, between a purchase's quote and the vendor: a daily cap per provider,
 * and a second owner for anything above the approval threshold. Checks and purchase at one provider
 * run one at a time across every process, so two purchases cannot both fit under the cap.
 */
export class SpendGuard {
  readonly approvals: Approvals;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Read when a day's spending is counted, not before (see hostTimeZone). */
    private readonly timeZone: () => string,
    private readonly announce: AnnounceApproval = async () => [],
    approvalTtlMs?: number,
  ) {
    this.approvals = new Approvals(store, now, approvalTtlMs);
  }

  async assess(providerId: string, price: Money): Promise<SpendAssessment> {
    const settings = await (await openSpendSettings(this.store)).read();
    const spent = (await spentToday(this.store, this.now(), this.timeZone(), providerId)).find(
      (s) => s.currency === price.currency,
    );
    const spentMinor = spent?.minor ?? 0;
    const limit = limitFor(settings, price.currency);
    const threshold = thresholdFor(settings, price.currency);
    return {
      spentMinor,
      ...(limit ? { limit: { minor: limit.minor, currency: limit.currency } } : {}),
      overLimit: limit !== undefined && spentMinor + price.minor > limit.minor,
      ...(threshold ? { threshold: { minor: threshold.aboveMinor, currency: threshold.currency } } : {}),
      needsApproval: threshold !== undefined && price.minor > threshold.aboveMinor,
    };
  }

  /**
   * Runs `fn` alone among the spends at this provider, in every process: a check and the journal
   * entry of the purchase it allows happen before the next check, so two purchases cannot both fit
   * under the limit.
   */
  locked<R>(providerId: string, fn: () => Promise<R>): Promise<R> {
    return this.store.locks.withLock(`spend:${providerId}`, fn);
  }

  /**
   * What the rules say now, inside `locked`: throws `forbidden` over the daily limit; above the
   * threshold (unless this run carries its approval) records and announces an approval request
   * instead. Nothing may be sent unless it answers `go`.
   */
  async check(attempt: SpendAttempt): Promise<Gate> {
    const { provider, price } = attempt;
    const assessed = await this.assess(provider.id, price);
    if (assessed.overLimit) throw this.overLimit(provider.displayName, price, assessed);
    if (attempt.approval) {
      await this.checkApproved(attempt.approval.id, attempt);
      return { kind: 'go' };
    }
    if (!assessed.needsApproval) return { kind: 'go' };
    const request = await this.approvals.request({
      provider: provider.id,
      path: attempt.rerun.path,
      args: attempt.rerun.args,
      summary: attempt.rerun.summary,
      price,
      requester: attempt.actor,
      ...(attempt.rerun.terms ? { terms: attempt.rerun.terms } : {}),
    });
    return { kind: 'approval-requested', request, announcedTo: await this.announce(request) };
  }

  /** The refusal over the daily limit, for a question that can tell before anything is asked. */
  overLimit(provider: string, price: Money, assessed: SpendAssessment): AppError {
    return overLimitError(provider, price, assessed, this.timeZone());
  }

  /** The approved request is this very purchase, at no more than the price the owner approved. */
  private async checkApproved(id: string, attempt: SpendAttempt): Promise<void> {
    const request = await this.approvals.get(id);
    if (request?.state !== 'approved') {
      throw new AppError('conflict', 'This purchase has no approval from a second owner.');
    }
    if (request.provider !== attempt.provider.id || request.path !== attempt.rerun.path) {
      throw new AppError('conflict', 'The approval was given for another purchase.');
    }
    const { price } = attempt;
    if (price.currency !== request.price.currency || price.minor > request.price.minor) {
      throw new AppError(
        'conflict',
        `The price went up from ${formatMoney(request.price.minor, request.price.currency)}, as approved, to ${formatMoney(price.minor, price.currency)}; nothing was bought.`,
        { hint: 'Run the purchase again to ask for approval at the new price.' },
      );
    }
  }
}

function overLimitError(provider: string, price: Money, assessed: SpendAssessment, timeZone: string): AppError {
  const limit = assessed.limit as Money;
  const spent = formatMoney(assessed.spentMinor, price.currency);
  return new AppError(
    'forbidden',
    `${formatMoney(price.minor, price.currency)} at ${provider} would pass today's spending limit of ${formatMoney(limit.minor, limit.currency)} (spent there today: ${spent}); nothing was sent.`,
    {
      hint: `An owner can raise it with /spend limit set <amount> ${limit.currency}; the day turns at midnight ${timeZone}.`,
    },
  );
}
