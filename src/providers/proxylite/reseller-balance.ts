import type { CapabilitySpec } from '../define-implementation.js';
import { parseBody } from '../parse.js';
import type { ResellerBalanceCapability } from '../types.js';
import { type Client, PROVIDER } from './client.js';
import { type Context, paths } from './context.js';
import { summaryTypes } from './rules.js';
import { summarySchema } from './schema.js';

export function readSummary(client: Client, productType: number) {
  return client
    .get(paths.summary, { product_type: productType }, 'the package summary')
    .then((data) => parseBody(PROVIDER, summarySchema, data, 'the package summary'));
}

/** The reseller's traffic packages: what is left to hand out, per product type. */
export const resellerBalance: CapabilitySpec<Context, ResellerBalanceCapability> = {
  build: ({ client }) => ({
    async get() {
      const summaries = await Promise.all(summaryTypes.map((t) => readSummary(client, t.productType)));
      return summaryTypes.flatMap((type, i) => {
        const summary = summaries[i];
        if (!summary || (!type.always && summary.total_count === 0)) return [];
        return [{ label: type.label, kind: 'traffic' as const, bytes: summary.effective, displayUnit: 'KB' as const }];
      });
    },
  }),
};
