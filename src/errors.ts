/** Error codes promised to users (docs/commands.md#error-codes). */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'forbidden',
  'unsupported',
  'conflict',
  'insufficient_funds',
  'confirmation_required',
  'upstream_rejected',
  'upstream_auth',
  'upstream_unavailable',
  'rate_limited',
  'outcome_unknown',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  /** How the user can fix it, shown under the message. */
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = options?.hint;
  }
}

export class UserInputError extends AppError {
  constructor(message: string, options?: { hint?: string }) {
    super('invalid_input', message, options);
    this.name = 'UserInputError';
  }
}

/**
 * What went wrong upstream, independent of vendor. `outcome_unknown` means a call that changes
 * something may or may not have been applied (timeout, dropped connection): never retry it blindly.
 */
export type ProviderErrorKind =
  | 'auth'
  | 'not_found'
  | 'rejected'
  | 'insufficient_funds'
  | 'rate_limited'
  | 'unavailable'
  | 'bad_response'
  | 'outcome_unknown'
  | 'unsupported'
  | 'conflict';

const codeOfKind: Record<ProviderErrorKind, ErrorCode> = {
  auth: 'upstream_auth',
  not_found: 'not_found',
  rejected: 'upstream_rejected',
  insufficient_funds: 'insufficient_funds',
  rate_limited: 'rate_limited',
  unavailable: 'upstream_unavailable',
  bad_response: 'upstream_unavailable',
  outcome_unknown: 'outcome_unknown',
  unsupported: 'unsupported',
  conflict: 'conflict',
};

export interface ProviderErrorOptions {
  /** The vendor's own words, when it gave any (already free of secrets). */
  vendorMessage?: string;
  status?: number;
  retryAfterMs?: number;
  hint?: string;
  cause?: unknown;
}

export class ProviderError extends AppError {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly vendorMessage?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(provider: string, kind: ProviderErrorKind, message: string, options: ProviderErrorOptions = {}) {
    super(codeOfKind[kind], message, { hint: options.hint, cause: options.cause });
    this.name = 'ProviderError';
    this.provider = provider;
    this.kind = kind;
    this.vendorMessage = options.vendorMessage;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Only reads are ever retried; this says whether the failure itself is transient. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Every bad variable at once, so one start-up names them all. */
export class ConfigError extends AppError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      'invalid_input',
      `The configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      {
        hint: 'Fix these variables in your environment or .env (see .env.example), then start again.',
      },
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
