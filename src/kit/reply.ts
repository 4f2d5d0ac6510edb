import { AppError, type ErrorCode, ProviderError } from '../errors.js';

export interface ReplyField {
  label: string;
  value: string;
  inline?: boolean;
}

export interface ReplyFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export type Tone = 'success' | 'info' | 'warning' | 'error';

/** Why a command asks first: `destructive` cannot be undone, `paid` spends the reseller's money. */
export type ConfirmKind = 'destructive' | 'paid';

/**
 * What a Confirm/Cancel press did to its question. `refused`: nothing (someone else's question, or one
 * answered already), so the question stays as it is; `expired`: too late, or no longer known, so the
 * question closes with nothing done.
 */
export type PressOutcome = 'confirmed' | 'cancelled' | 'expired' | 'refused';

export interface ReplyError {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** The command's usage line, for input errors. */
  usage?: string;
}

/**
 * What every command answers, whatever the platform. Adapters render it (embed, Block Kit, text,
 * JSON) and cut it to the platform's limits; they never add or drop meaning.
 */
export interface Reply {
  ok: boolean;
  /** `private` whenever it holds a secret: ephemeral on chat, never posted in a channel. */
  visibility: 'private' | 'public';
  title: string;
  text: string;
  fields: ReplyField[];
  files: ReplyFile[];
  tone: Tone;
  data: Record<string, unknown>;
  error: ReplyError | null;
  /** Present when the command waits for Confirm/Cancel (chat) or `confirm:yes` (terminal). */
  confirmation?: {
    kind: ConfirmKind;
    prompt: string;
    /** The stored question the Confirm/Cancel buttons answer (chat platforms). */
    id?: string;
    expiresAt?: string;
    /** What the question showed that the run must still find true (a price); kept with the stored question. */
    terms?: Record<string, unknown>;
  };
  /** On the answer to a Confirm/Cancel press: what the press did to the question. */
  pressed?: PressOutcome;
  footer?: string;
  /** `text` is a table whose columns must line up: chat platforms show it in a code block. */
  preformatted?: boolean;
}

export function reply(partial: Partial<Reply> & { title: string }): Reply {
  return {
    ok: true,
    visibility: 'public',
    text: '',
    fields: [],
    files: [],
    tone: 'success',
    data: {},
    error: null,
    ...partial,
  };
}

function describeError(error: unknown): ReplyError {
  if (error instanceof ProviderError) {
    const hint =
      error.hint ??
      (error.kind === 'outcome_unknown'
        ? 'It is recorded; the bot checks with the provider before it lets anyone try again.'
        : error.kind === 'rate_limited' && error.retryAfterMs
          ? `Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.`
          : undefined);
    return { code: error.code, message: error.message, ...(hint ? { hint } : {}) };
  }
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  }
  return { code: 'internal', message: 'Something went wrong inside the bot; it has been logged.' };
}

const titles: Partial<Record<ErrorCode, string>> = {
  invalid_input: 'Invalid input',
  not_found: 'Not found',
  forbidden: 'Not allowed',
  unsupported: 'Not offered by this provider',
  conflict: 'Conflict',
  insufficient_funds: 'Insufficient funds',
  confirmation_required: 'Confirmation required',
  outcome_unknown: 'Outcome unknown',
  rate_limited: 'Rate limited',
};

/** The one mapping from any error to a Reply. Errors are private: they may echo what the user typed. */
export function errorReply(error: unknown, options: { usage?: string } = {}): Reply {
  const described = describeError(error);
  const replyError: ReplyError = { ...described, ...(options.usage ? { usage: options.usage } : {}) };
  const lines = [described.message];
  if (described.hint) lines.push(described.hint);
  if (options.usage) lines.push(`Usage: ${options.usage}`);
  return reply({
    ok: false,
    visibility: 'private',
    title: titles[described.code] ?? (described.code.startsWith('upstream') ? 'Provider error' : 'Error'),
    text: lines.join('\n'),
    tone: 'error',
    error: replyError,
  });
}
