import type { RequestListener } from 'node:http';

/** How far a request's timestamp may be from the clock, either way (Slack's own rule: 5 minutes). */
export const maxRequestSkewSeconds = 5 * 60;

/**
 * Refuses (401, as Bolt does) a request whose `x-slack-request-timestamp` is more than 5 minutes from
 * now in either direction, before Bolt reads it. Bolt refuses old stamps only, so without this a
 * signed request stamped ahead of the clock would stay replayable until that time had passed.
 * A missing or malformed header is left to Bolt, which refuses it too.
 */
export function refuseSkewedRequests(
  next: RequestListener,
  onRefused: (skewSeconds: number) => void,
  now: () => number = () => Date.now(),
): RequestListener {
  return (req, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const stamp = typeof header === 'string' && header.trim() !== '' ? Number(header) : Number.NaN;
    if (Number.isFinite(stamp)) {
      const skew = Math.round(stamp - now() / 1000);
      if (Math.abs(skew) > maxRequestSkewSeconds) {
        onRefused(skew);
        // The body is not read: close the connection rather than keep it for a next request.
        res.writeHead(401, { connection: 'close' });
        res.end();
        return;
      }
    }
    next(req, res);
  };
}
