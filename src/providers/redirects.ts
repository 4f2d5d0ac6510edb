import { ProviderError } from '../errors.js';
import { redactSecrets } from '../redact.js';

/**
 * Redirects under our control. fetch would follow them and, across origins, strip only
 * `Authorization`: a key in another header, the path or the query would reach whatever host the
 * vendor (or whoever answers for it) names, and that host's answer would be believed. So a key goes
 * only to the origin it was configured for, and a change is never sent twice.
 */

/** Same-origin hops a read may take before we call it a loop. */
export const maxRedirects = 5;

const withLocation = new Set([301, 302, 303, 307, 308]);

export interface RedirectPolicy {
  provider: string;
  /** A change is never re-sent by following a redirect. */
  mutates: boolean;
  secrets: readonly string[];
}

function target(response: Response, from: URL): URL | undefined {
  const location = response.headers.get('location');
  if (!withLocation.has(response.status) || !location) return undefined;
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

/** Only the origin of where it pointed: the rest of a URL can carry a key. */
function originOf(url: URL, secrets: readonly string[]): string {
  return redactSecrets(url.origin === 'null' ? url.protocol : url.origin, secrets);
}

function refused(status: number, from: URL, to: URL | undefined, policy: RedirectPolicy): ProviderError {
  const { provider, mutates, secrets } = policy;
  const elsewhere = to !== undefined && to.origin !== from.origin;
  const where = !to ? '' : elsewhere ? ` to another host, ${originOf(to, secrets)}` : ' to another address';
  const hint = elsewhere
    ? `If ${provider} really moved its API there, set ${provider.toUpperCase()}_BASE_URL to the new address.`
    : undefined;
  const opts = { status, hint };
  if (mutates && status === 303) {
    // 303 is how a server points at the result of something it did.
    return new ProviderError(
      provider,
      'outcome_unknown',
      `${provider} answered the change with "see other" (HTTP 303${where}), which usually means it was made; we do not follow redirects with changes, so the change may or may not have been applied.`,
      opts,
    );
  }
  if (mutates) {
    return new ProviderError(
      provider,
      'unavailable',
      `${provider} answered the change with a redirect (HTTP ${status}${where}) instead of making it; a redirect means it did not process the change, and we did not send it again, so nothing was changed.`,
      opts,
    );
  }
  if (elsewhere) {
    return new ProviderError(
      provider,
      'unavailable',
      `${provider} redirected us${where} (HTTP ${status}); we do not follow it, so neither the API key nor the request went there.`,
      opts,
    );
  }
  if (to) {
    return new ProviderError(
      provider,
      'unavailable',
      `${provider} redirected us more than ${maxRedirects} times.`,
      opts,
    );
  }
  return new ProviderError(
    provider,
    'unavailable',
    `${provider} answered HTTP ${status} with no address to follow.`,
    opts,
  );
}

/**
 * Sends `input` with fetch's own redirect handling off. A read follows up to `maxRedirects`
 * redirects within the origin it started on (the vendor's own, so its key may go along); any other
 * redirect, and any redirect of a change, ends as a ProviderError. Returns the first answer that is
 * not a redirect, body unread.
 */
export async function fetchWithinOrigin(
  fetchImpl: typeof globalThis.fetch,
  input: string | URL,
  init: RequestInit,
  policy: RedirectPolicy,
): Promise<Response> {
  const start = new URL(input);
  let url = start;
  for (let hop = 0; ; hop += 1) {
    const response = await fetchImpl(url, { ...init, redirect: 'manual' });
    if (response.status < 300 || response.status > 399) return response;
    await response.body?.cancel().catch(() => undefined);
    const next = target(response, url);
    const followable = !policy.mutates && next?.origin === start.origin && hop < maxRedirects;
    if (!next || !followable) throw refused(response.status, start, next, policy);
    url = next;
  }
}
