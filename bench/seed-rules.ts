import { buildRule, type RuleArgs } from '../src/notify/rule-input.js';
import { openAlertsConfig } from '../src/notify/rules.js';
import { openStore } from '../src/storage/open.js';

/**
 * Writes alert rules and channels into a data folder before the bot starts on it, as `/alerts rule
 * add` and `/alerts channel set` would, so that the notifier the benchmarks run has work to do.
 */
export async function seedAlertRules(
  dataDir: string,
  rules: ReadonlyArray<object>,
  channels: { discord?: string; slack?: string },
): Promise<void> {
  const store = await openStore(dataDir);
  try {
    const config = await openAlertsConfig(store);
    await config.update((draft) => {
      draft.channels = { ...channels };
      for (const args of rules) {
        draft.rules.push(
          buildRule(args as RuleArgs, {
            id: `r${draft.nextRule++}`,
            createdAt: new Date().toISOString(),
            createdBy: 'bench',
          }),
        );
      }
    });
  } finally {
    await store.close();
  }
}
