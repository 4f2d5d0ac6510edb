import type { z } from 'zod';
import type { Logger } from '../logger.js';
import type { RetryPolicy } from './http.js';
import type { Provider, ProviderId } from './types.js';

/** What every provider factory takes. Providers never read process.env themselves. */
export interface ProviderSettings {
  /** Replaces the vendor base exactly as `<ID>_BASE_URL` does (SPEC "Details settled"). */
  baseUrl: string;
  apiKey: string;
  /** Per request attempt; a provider that hangs produces an error, never a stuck command. */
  timeoutMs?: number;
  /** The most of one answer read (bytes); past it the call fails. Defaults per provider, see body-limit.ts. */
  maxResponseBytes?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof globalThis.fetch;
  logger?: Logger;
}

/** One line of `.env.example` and of `doctor`'s configuration check. */
export interface ProviderEnvVar {
  name: string;
  description: string;
  /** The documented default, when there is one. */
  default?: string;
  secret?: boolean;
}

/**
 * Everything the composition root needs to know about a provider: its variables and how they become
 * settings. `settingsFromEnv` returns undefined when the provider's key is not set (not enabled).
 */
export interface ProviderModule<S extends ProviderSettings = ProviderSettings> {
  id: ProviderId;
  displayName: string;
  vendorBaseUrl: string;
  env: ProviderEnvVar[];
  /** Validates this provider's variables; part of the one config schema. */
  envSchema: z.ZodObject;
  settingsFromEnv(env: Record<string, unknown>): S | undefined;
  create(settings: S): Provider;
}
