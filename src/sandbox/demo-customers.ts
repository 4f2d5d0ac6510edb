import type { Services } from '../services/types.js';
import type { LinkedUser } from '../storage/store.js';

/** The two demo customers of the sandbox: one on Discord, one on Slack. */
export const demoUsers: readonly LinkedUser[] = [
  { platform: 'discord', id: '100000000000000001' },
  { platform: 'slack', id: 'UDEMOCUST02' },
];

/**
 * Links the sandbox's demo customers, so `/my` can be tried at once: the Discord one to the first
 * active account of the first provider and of the first one that gives VPN configs, the Slack one
 * to that of the second provider, all from the simulators' own seed data. An account linked
 * already is left as it is. Returns the demo users that have an account.
 */
export async function seedDemoCustomers(services: Services): Promise<LinkedUser[]> {
  const providers = services.providers.list().filter((p) => p.customers?.create);
  const vpn = providers.find((p) => p.vpnConfig);
  const [discord, slack] = demoUsers as [LinkedUser, LinkedUser];
  const plan: Array<[LinkedUser, string | undefined]> = [
    [discord, providers[0]?.id],
    [discord, vpn?.id],
    [slack, providers[1]?.id],
  ];
  const by = { platform: 'terminal', userId: 'sandbox:demo' };
  const linked: LinkedUser[] = [];
  for (const [user, provider] of plan) {
    if (!provider) continue;
    try {
      const { page } = await services.customers.list(provider, { status: 'active' });
      const account = page.customers[0];
      if (!account || (await services.store.links.get(provider, account.username))) continue;
      await services.links.add(user, provider, account.username, by);
      if (!linked.includes(user)) linked.push(user);
    } catch (error) {
      services.logger.warn({ err: error, provider }, 'sandbox: could not link a demo customer');
    }
  }
  return linked;
}
