import { maxLimitGb } from '../../providers/proxylite/rules.js';
import { type Api, singleAccountRoute } from './api.js';
import type { ProxyLiteState } from './state.js';

/** An account's "balance" is its traffic limit in whole GB; 0 means no limit. */
export function balanceRoutes(api: Api, state: ProxyLiteState): void {
  singleAccountRoute(
    api,
    state,
    '/end-point/whitelist-account/change-limit',
    'limit',
    (v) =>
      Number.isInteger(v) && (v as number) >= 0 && (v as number) <= maxLimitGb
        ? undefined
        : `Traffic limit, unit: GB, 0 to ${maxLimitGb}.`,
    (a, v) => {
      a.limit_flow = v as number;
    },
  );
}
