import type { Actor } from '../kit/context.js';

/** Who asks, and under which platform interaction: what every change needs for exactly-once and audit. */
export interface RequestMeta {
  actor: Actor;
  interactionId: string;
}
