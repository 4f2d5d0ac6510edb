import { lettersAndDigits } from '../../providers/proxylite/rules.js';
import { type Api, singleAccountRoute } from './api.js';
import type { ProxyLiteState } from './state.js';

export function passwordsRoutes(api: Api, state: ProxyLiteState): void {
  singleAccountRoute(
    api,
    state,
    '/end-point/whitelist-account/change-password',
    'password',
    (v) =>
      typeof v === 'string' && lettersAndDigits.test(v) ? undefined : 'The password only supports numbers and letters.',
    (a, v) => {
      a.password = v as string;
    },
  );
}
