import type { SimRequest, SimServer } from '../server.js';
import { errors, type SimError } from './catalog.js';
import type { IdSource, YouproxyState } from './state.js';

export interface SimContext {
  state: YouproxyState;
  ids: IdSource;
  now(): Date;
}

export const basePath = '/client/api/v1';

/** A documented failure: answered with HTTP 200, `success:false` and the error object. */
export class SimFail extends Error {
  constructor(readonly error: SimError) {
    super(error.message);
  }
}

export const fail = (error: SimError): never => {
  throw new SimFail(error);
};

/** The balance as the API shows it: a USD float with cents. */
export const usd = (cents: number) => Math.round(cents) / 100;

/** Everything but `success` and `error` of a failed answer; `balance` is null when the key is wrong. */
export type ErrorShape = (balance: number | null) => Record<string, unknown>;

export type YouproxyHandler = (input: {
  body: Record<string, unknown>;
  query: URLSearchParams;
}) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface YouproxyRouter {
  route(method: 'GET' | 'POST', path: string, errorShape: ErrorShape, handler: YouproxyHandler): void;
}

/**
 * Registers `${basePath}/:key${path}`. Every answer is HTTP 200 with `success` and `error`, the wrong key
 * included ("Error api key", code 2), as the vendor documents.
 */
export function createRouter(server: SimServer, ctx: SimContext, apiKey: string): YouproxyRouter {
  return {
    route(method, path, errorShape, handler) {
      server.route(method, `${basePath}/:key${path}`, async (req: SimRequest) => {
        const failed = (error: SimError, balance: number | null) => ({
          body: { success: false, ...errorShape(balance), error },
        });
        if (req.params.key !== apiKey) return failed(errors.apiKey, null);
        if (ctx.state.unavailable) return failed(errors.unavailable, usd(ctx.state.balanceCents));
        const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
        try {
          const answer = await handler({ body, query: req.query });
          return { body: { success: true, ...answer, error: null } };
        } catch (error) {
          if (error instanceof SimFail) return failed(error.error, usd(ctx.state.balanceCents));
          throw error;
        }
      });
    },
  };
}
