import type { Actor } from '../kit/actor.js';
import type { Services } from '../services/types.js';

/** What a command sees of the world: never a Discord interaction or a Slack payload. */
export interface CommandContext {
  actor: Actor;
  /** The platform's id for this request; the operation journal keys exactly-once on it. */
  interactionId: string;
  /** The user confirmed (Confirm button, or `confirm:yes` on the terminal). */
  confirmed: boolean;
  /** The terms the confirmed question showed (its price), when it was a stored chat question that had some. */
  confirmedTerms?: Record<string, unknown>;
  sandbox: boolean;
  /** This run carries out a purchase a second owner approved (set by the dispatcher, never by input). */
  approval?: { id: string };
  /** Aborted once the answer deadline passed: whatever the command returns after that is not shown. */
  deadline?: AbortSignal;
  services: Services;
  now(): Date;
}
