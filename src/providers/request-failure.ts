import { redactSecrets } from '../redact.js';

// What the cause chain of a request that got no answer tells: whether it timed out, whether it was never
// sent (so even a change is known not to have happened), and its messages with the secrets taken out.

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current && chain.length < 6) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

export function isTimeout(error: unknown): boolean {
  return causeChain(error).some((e) => (e as Error)?.name === 'TimeoutError');
}

/** Refused connections never reached the vendor, so even a mutation is known not to have happened. */
export function neverSent(error: unknown): boolean {
  return causeChain(error).some((e) => {
    const code = (e as { code?: string })?.code;
    return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  });
}

/** The causes we keep on errors, with every message scrubbed: ofetch puts the full URL in its messages. */
export function scrubbedCause(error: unknown, secrets: readonly string[]): Error {
  const chain = causeChain(error).reverse();
  let cause: Error | undefined;
  for (const link of chain) {
    const e = link as { name?: string; message?: string; code?: string };
    const scrubbed: Error & { code?: string } = new Error(redactSecrets(String(e.message ?? link), secrets), {
      cause,
    });
    scrubbed.name = e.name ?? 'Error';
    if (e.code) scrubbed.code = e.code;
    cause = scrubbed;
  }
  return cause ?? new Error('unknown');
}
