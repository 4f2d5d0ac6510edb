import { maxPageSize, pools } from '../../providers/proxyshard/rules.js';
import type { SimRequest, SimResponse, SimServer } from '../server.js';
import type { ProxyShardState, SimPool, SimSubUser } from './state.js';

/** The vendor's answers: HTTP 200 with `success:true` (none on /me); errors `{success:false, message}`. */
export const fail = (status: number, message: string): SimResponse => ({ status, body: { success: false, message } });
export const ok = (body: Record<string, unknown>): SimResponse => ({ status: 200, body: { success: true, ...body } });

export type Api = (method: string, pattern: string, handler: (req: SimRequest) => SimResponse) => void;

/** Auth (`Authorization: Bearer`), then actix's Content-Length rule, then the handler. */
export function createApi(server: SimServer, apiKey: string): Api {
  return (method, pattern, handler) => {
    server.route(method, pattern, (req) => {
      if (req.headers.authorization !== `Bearer ${apiKey}`) return fail(401, 'Unauthorized');
      if ((method === 'POST' || method === 'PATCH') && req.headers['content-length'] === undefined) {
        return {
          status: 400,
          text: 'invalid Header provided: no Content-Length specified',
          headers: { 'content-type': 'text/plain' },
        };
      }
      return handler(req);
    });
  };
}

export function intParam(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** `offset` and `limit` of the vendor's lists, or the error it answers. */
export function pageParams(req: SimRequest): { offset: number; limit: number } | { error: SimResponse } {
  const offset = intParam(req.query.get('offset'), 0);
  const limit = intParam(req.query.get('limit'), 20);
  if (offset === undefined || limit === undefined || limit < 1 || limit > maxPageSize) {
    return { error: fail(400, `offset must be >= 0 and limit between 1 and ${maxPageSize}`) };
  }
  return { offset, limit };
}

/** Whole non-negative GB, as the spec's `data (integer, GB)` fields. */
export function gigabytes(body: unknown, field: string, allowZero: boolean): number | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (!allowZero && value === 0))
    return undefined;
  return value;
}

export function poolOf(req: SimRequest): SimPool | undefined {
  const value = req.query.get('proxy_type');
  return (pools as readonly string[]).includes(value ?? '') ? (value as SimPool) : undefined;
}

/** Sub-users live in one pool; asking for one under the other pool does not find it. */
export function subUserIn(state: ProxyShardState, req: SimRequest, pool: SimPool | undefined): SimSubUser | undefined {
  const user = state.subUsers.get(req.params.user_id ?? '');
  return user && (pool === undefined || user.pool === pool) ? user : undefined;
}

export const needJson = (req: SimRequest): SimResponse | undefined =>
  req.body && typeof req.body === 'object' ? undefined : fail(400, 'Json deserialize error: expected a JSON object');
