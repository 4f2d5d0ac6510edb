import { type Api, ok } from './api.js';
import { proxyPasswordFrom, type SimContext } from './state.js';

export function passwordsRoutes(api: Api, { random }: SimContext): void {
  api.route(
    'POST',
    '/customer/reset_password',
    api.withCustomer((customer) => {
      customer.proxyPassword = proxyPasswordFrom(random);
      return ok('Successfully resetted password', {
        username: customer.username,
        proxy_password: customer.proxyPassword,
      });
    }),
  );
}
