import { AppError } from '../errors.js';
import type { Actor } from '../kit/actor.js';
import type { Logger } from '../logger.js';
import type { ProviderId } from '../providers/registry.js';
import type { JournalEntry, Resolution } from '../storage/journal.js';
import type { Store } from '../storage/store.js';

export type Verdict = 'applied' | 'not_applied' | 'unknown';

/**
 * After an outcome_unknown: reads back from the provider and says whether that earlier change (with
 * its recorded params) took effect. One per command kind, since the entry that blocks a target may
 * be of another kind than the change being asked for, or from before a restart.
 */
export type Verifier = (params: Record<string, unknown>, provider: ProviderId, target: string) => Promise<Verdict>;

export interface ChangeKind {
  verify: Verifier;
  /** The vendor's documented delay in applying this kind of change after accepting it, per provider. */
  appliesWithinMs?(provider: ProviderId): number | undefined;
  /** Added to the answer when an earlier change of this kind turns out to have gone through. */
  appliedHint?: string;
}

/** How an unknown outcome was settled, for the journal and the audit log. */
export type SettledBy = { by: 'read-back' } | { by: 'owner'; actor: Actor; note?: string };

function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function who(actor: { userId: string; name?: string; platform: string }): string {
  return `${actor.name ?? actor.userId} (${actor.platform})`;
}

/**
 * Settles changes whose outcome is unknown: by reading back from the provider, or by an owner's
 * word after checking the vendor's dashboard. Either way the journal stops blocking the account and
 * the change gets its audit line, under the person who asked for it.
 */
export class Settlement {
  readonly kinds = new Map<string, ChangeKind>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly requestTimeoutMs: number,
  ) {}

  /** How long after it is sent a change of this kind may still take effect at this provider. */
  windowMs(provider: string, kind: string): number {
    let applies: number | undefined;
    try {
      applies = this.kinds.get(kind)?.appliesWithinMs?.(provider as ProviderId);
    } catch {
      applies = undefined; // a provider no longer configured: its request timeout is all we know
    }
    return this.requestTimeoutMs + (applies ?? 0);
  }

  /**
   * From when a read-back can prove that the change did not happen. Its request went out at the
   * latest when the outcome became unknown (the call ended, or a restart found it unfinished) and may
   * land up to its window after that. Lines from before `landsBy` existed use today's window.
   */
  provableFrom(entry: JournalEntry): number {
    const window =
      entry.landsBy !== undefined
        ? Date.parse(entry.landsBy) - Date.parse(entry.at)
        : this.windowMs(entry.provider, entry.kind);
    return Date.parse(entry.unknown?.at ?? entry.at) + window;
  }

  /** Reads back and settles; throws outcome_unknown while the reading cannot tell. */
  async reconcile(entry: JournalEntry): Promise<'applied' | 'not_applied'> {
    const kind = this.kinds.get(entry.kind);
    const readAt = this.now().getTime();
    const read = kind ? await kind.verify(entry.params, entry.provider as ProviderId, entry.target) : 'unknown';
    const provable = this.provableFrom(entry);
    // `applied` is proof at any time; "no change yet" is not while the request may still land.
    const verdict = read === 'not_applied' && readAt < provable ? 'unknown' : read;
    this.logger.info(
      { operation: entry.id, kind: entry.kind, read, verdict },
      'reconciled an operation whose outcome was unknown',
    );
    const what = `An earlier /${entry.kind} on ${entry.target}`;
    const settleHint = `an owner can settle it with /journal resolve ${entry.id} applied|not-applied after checking the provider`;
    if (verdict === 'unknown' && read === 'not_applied') {
      throw new AppError(
        'outcome_unknown',
        `${what} may still be landing at ${entry.provider} until ${clock(provable)}, so nothing new was sent.`,
        {
          hint: `Run it again after ${clock(provable)}, when the bot can read back whether it went through, or ${settleHint}.`,
        },
      );
    }
    if (verdict === 'unknown') {
      throw new AppError(
        'outcome_unknown',
        `${what} may or may not have gone through, and ${entry.provider} cannot tell us yet.`,
        { hint: `Check it at the provider, then ${settleHint}.` },
      );
    }
    await this.settle(entry, verdict, { by: 'read-back' });
    return verdict;
  }

  /** An owner's word: `/journal resolve`. */
  async resolveByOwner(
    id: string,
    outcome: Resolution,
    owner: Actor,
    note?: string,
  ): Promise<{ entry: JournalEntry; warnings: string[] }> {
    const shown = id.length > 64 ? `${id.slice(0, 64)}…` : id;
    const listHint = { hint: 'See /journal list for the changes whose outcome is unknown.' };
    const entry = await this.store.journal.get(id.trim().toLowerCase());
    if (!entry) throw new AppError('not_found', `There is no change '${shown}' in the journal.`, listHint);
    if (entry.status !== 'outcome_unknown') {
      throw new AppError('conflict', `Change ${entry.id} has nothing to settle: it ${entry.status}.`, listHint);
    }
    if (entry.resolution) {
      const was = entry.resolution.outcome === 'applied' ? 'applied' : 'not applied';
      throw new AppError('conflict', `Change ${entry.id} was already settled as ${was} (${entry.resolution.at}).`);
    }
    const warnings: string[] = [];
    const provable = this.provableFrom(entry);
    if (outcome === 'not_applied' && this.now().getTime() < provable) {
      warnings.push(
        `Its request could still land at ${entry.provider} until ${clock(provable)}: look at the account again after that before repeating it.`,
      );
    }
    const settled = await this.settle(entry, outcome, { by: 'owner', actor: owner, ...(note ? { note } : {}) });
    warnings.push(...settled.warnings);
    try {
      await this.store.audit.append({
        actor: { platform: owner.platform, userId: owner.userId, ...(owner.name ? { name: owner.name } : {}) },
        platform: owner.platform,
        command: 'journal resolve',
        provider: entry.provider,
        target: entry.target,
        result: 'ok',
        summary: `settled ${entry.id} (${entry.kind}) as ${outcome === 'applied' ? 'applied' : 'not applied'}`,
        details: { operation: entry.id, outcome, ...(note ? { note } : {}) },
      });
    } catch (error) {
      warnings.push(this.unwritten('audit log', error));
    }
    return { entry: settled.entry, warnings };
  }

  /** Journal first (it unblocks the account), then the change's own audit line. */
  async settle(
    entry: JournalEntry,
    outcome: Resolution,
    how: SettledBy,
  ): Promise<{ entry: JournalEntry; warnings: string[] }> {
    const by = how.by === 'owner' ? `resolved by ${who(how.actor)}` : 'read back from the provider';
    const note = how.by === 'owner' && how.note ? `${by}: ${how.note}` : by;
    const settled = await this.store.journal.resolve(entry.id, outcome, note);
    const warnings: string[] = [];
    try {
      await this.store.audit.append({
        actor: entry.actor,
        platform: entry.actor.platform,
        command: entry.kind,
        provider: entry.provider,
        target: entry.target,
        result: outcome === 'applied' ? 'ok' : 'not_applied',
        summary: `${outcome === 'applied' ? 'went through' : 'did not go through'}; settled later, ${by}`,
        details: {
          ...entry.params,
          operation: entry.id,
          askedAt: entry.at,
          settled: outcome,
          settledBy: how.by === 'owner' ? '/journal resolve' : 'read-back',
          ...(how.by === 'owner'
            ? {
                resolvedBy: { platform: how.actor.platform, userId: how.actor.userId },
                ...(how.note ? { note: how.note } : {}),
              }
            : {}),
        },
      });
    } catch (error) {
      warnings.push(this.unwritten('audit log', error));
    }
    return { entry: settled, warnings };
  }

  logUnwritten(what: string, error: unknown): void {
    this.logger.error({ err: error, what }, 'could not write a local record');
  }

  /** What the user is told when local records failed; the detail goes to the log only. */
  unwrittenWarning(whats: readonly string[]): string {
    return `The bot could not write its own record of this (${whats.join(', ')}); check the data directory's disk space.`;
  }

  private unwritten(what: string, error: unknown): string {
    this.logUnwritten(what, error);
    return this.unwrittenWarning([what]);
  }
}
