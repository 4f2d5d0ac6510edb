import type { Actor } from '../kit/actor.js';
import type { ProviderId } from '../providers/registry.js';

/** What the change did, as the journal and the audit log may keep it: never a secret. */
export type ChangeRecord = Record<string, unknown>;

export interface ChangeRequest<R, S = undefined> {
  actor: Actor;
  interactionId: string;
  /** `balance add`, `customer create`… */
  command: string;
  provider: ProviderId;
  target: string;
  /**
   * Reads what the change starts from, in the target's turn (no other change to it in between) and
   * before anything is recorded; `params` and `apply` get it, so the account is read once.
   */
  read?(): Promise<S>;
  /** What was asked, without secrets; kept for reconciliation. */
  params: ChangeRecord | ((state: S) => ChangeRecord);
  apply(state: S): Promise<R>;
  /** The non-secret part of the result, for the journal, the audit log and replays. */
  record(result: R): ChangeRecord;
  /** The secret part (a new password): held in memory only, until the answer carrying it went out. */
  secret?(result: R): Record<string, string>;
}

export type ChangeReplay = Extract<ChangeOutcome<unknown>, { kind: 'replay' }>;

export type ChangeOutcome<R> =
  /** `unwritten`: local records (journal, audit log) that could not be written; the change itself happened. */
  | { kind: 'done'; result: R; operation: string; unwritten: string[] }
  /**
   * The same interaction arrived again, or the same user asks again for a change whose answer never
   * reached them: what the first one recorded, and its secret if it is still held.
   */
  | {
      kind: 'replay';
      record: ChangeRecord;
      secretsRemoved: boolean;
      operation: string;
      secret?: Record<string, string>;
    };
