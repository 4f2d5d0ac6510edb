import type { Actor } from '../kit/actor.js';

/** Who asks, and under which platform interaction: what every change needs for exactly-once and audit. */
export interface RequestMeta {
  actor: Actor;
  interactionId: string;
  /** Aborted once the answer deadline passed: the user was answered without this request's result. */
  deadline?: AbortSignal;
  /** This run carries out a purchase a second owner approved. */
  approval?: { id: string } | undefined;
}
