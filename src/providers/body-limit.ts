import { ProviderError } from '../errors.js';

/**
 * The most of one answer we read, by default. A paginated page is tens of KB; a vendor whose lists
 * come unpaginated sets its own cap in its settings (`maxResponseBytes`). Without a cap a 500 MB
 * answer took the process to 2.7 GB.
 */
export const defaultMaxResponseBytes = 4_000_000;

export interface BodyLimit {
  provider: string;
  maxBytes: number;
  /** A change the vendor answered was probably made, even when we cannot read the answer. */
  mutates: boolean;
}

function megabytes(bytes: number): string {
  return `${Number((bytes / 1_000_000).toFixed(3))} MB`;
}

function tooLarge({ provider, maxBytes, mutates }: BodyLimit): ProviderError {
  const cap = megabytes(maxBytes);
  if (mutates) {
    return new ProviderError(
      provider,
      'outcome_unknown',
      `${provider} answered the change with more than ${cap}, the most we read from it, so we cannot tell whether the change was applied.`,
    );
  }
  return new ProviderError(
    provider,
    'unavailable',
    `${provider} sent an answer larger than ${cap}, the most we read from it; we stopped reading it.`,
  );
}

/**
 * Reads the body chunk by chunk and gives up as soon as it passes the cap, cancelling the stream so
 * the connection closes and the rest is never downloaded. A declared length over the cap is refused
 * before reading anything (unless compressed: the cap counts what we would hold, decompressed).
 */
export async function readWithinLimit(response: Response, limit: BodyLimit): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (!response.headers.has('content-encoding') && declared > limit.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(limit);
  }
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, total);
}
