import { youproxy } from '../../providers/youproxy/index.js';
import type { SimRequest, SimServer } from '../server.js';
import { isProxyType } from './catalog.js';
import type { IdSource, YouproxyState } from './state.js';

/**
 * Error texts. 2, 4, 8, 13, 14 and 16 are the vendor's wording; the others are English renderings of a
 * public client's translation table (docs/providers.md#youproxy).
 */
export const errors = {
  apiKey: { code: 2, message: 'Error api key' },
  unavailable: { code: 3, message: 'Service temporarily unavailable' },
  proxyType: { code: 4, message: 'Incorrect proxy type' },
  country: { code: 6, message: 'Incorrect country' },
  countryNotOffered: { code: 7, message: 'Country is not available for this proxy type' },
  mobileOperator: { code: 8, message: 'Incorrect mobile operator' },
  authType: { code: 10, message: 'Incorrect authorization type' },
  rentPeriod: { code: 11, message: 'Incorrect rent period' },
  protocol: { code: 13, message: 'Incorrect protocol' },
  goal: { code: 14, message: 'Incorrect goal' },
  funds: { code: 16, message: 'Insufficient funds on balance' },
  quantity: { code: 19, message: 'Incorrect quantity' },
  authIp: { code: 23, message: 'Incorrect authorization IP' },
  ipSelection: { code: 24, message: 'Incorrect IP addresses' },
  orderId: { code: 25, message: 'Incorrect order id' },
  wholeOrder: { code: 28, message: 'All IP addresses of the order must be selected' },
  unknown: { code: 35, message: 'Unknown error' },
} as const;
export type SimError = { code: number; message: string };

export interface SimContext {
  state: YouproxyState;
  ids: IdSource;
  now(): Date;
}

/** The vendor's base path (`/client/api/v1`), as in its base URL; the key is the next segment. */
export const basePath = new URL(youproxy.vendorBaseUrl).pathname;

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

export interface Api {
  route(method: 'GET' | 'POST', path: string, errorShape: ErrorShape, handler: YouproxyHandler): void;
}

/**
 * Registers `${basePath}/:key${path}`. Every answer is HTTP 200 with `success` and `error`, the wrong key
 * included ("Error api key", code 2), as the vendor documents.
 */
export function createApi(server: SimServer, ctx: SimContext, apiKey: string): Api {
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

/** `?proxyType=` is optional where the docs show it so; present but unknown is code 4. */
export function typeFilter(query: URLSearchParams, required: boolean) {
  const value = query.get('proxyType');
  if (value === null && !required) return undefined;
  return isProxyType(value) ? value : fail(errors.proxyType);
}
