/**
 * Chat platforms deliver an interaction again (Slack retries, two bot instances on one Discord
 * gateway): the adapter claims its id here before acting, and only the first claim wins, whichever
 * process makes it. Claims are kept for a day (platforms redeliver within minutes).
 */
export interface InteractionClaims {
  /** True for the first claim of `id`, across every process on the store; false for any repeat. */
  claim(id: string): Promise<boolean>;
}

export const interactionClaimTtlMs = 24 * 60 * 60 * 1000;
