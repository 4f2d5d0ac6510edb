import type { Logger } from '../logger.js';
import type { Services } from '../services/types.js';
import type { HeldLease, Store } from '../storage/store.js';
import {
  customerMessages,
  dmEntries,
  firedWithoutStaff,
  recipientsFrom,
  staffAlerts,
  wantsCustomers,
} from './customer-alerts.js';
import { buildDigest, digestDue, markDigest } from './digest.js';
import { dmBookkeeping } from './dm-delivery.js';
import { evaluate } from './evaluate.js';
import { type Every, everyWithCroner } from './every.js';
import { groupAlerts } from './group.js';
import { type AlertMessage, type AlertSink, type SinkPlatform, sampleAlert } from './message.js';
import { alertTargets, createOutbox, type DeliveryReport, entriesFor, type Target } from './outbox.js';
import { planSweep, recordHealth, recordUsageSeen } from './plan.js';
import type { ProviderSweepReport, SweepReport } from './report.js';
import { openAlertsConfig, type Rule, type RuleOf } from './rules.js';
import { registerNotifier } from './running.js';
import { spentSince } from './spend-sums.js';
import { type NotifyCache, openNotifyCache } from './state.js';
import { type ProviderObservation, sweepProvider } from './sweep.js';

export type { ProviderSweepReport, SweepReport } from './report.js';

export interface NotifierOptions {
  services: Services;
  /** Default: `services.store`. */
  store?: Store;
  sinks: readonly AlertSink[];
  clock?: () => Date;
  /** Between sweep starts (default 15 min). */
  intervalMs?: number;
  /** What starts a sweep every `intervalMs` (default: croner); tests tick it themselves. */
  every?: Every;
  /** Requests in flight per provider (default 8). */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
  pacingMs?: Partial<Record<SinkPlatform, number>>;
  /** Render usage charts (default true). */
  charts?: boolean;
  logger?: Logger;
}

const defaultIntervalMs = 15 * 60_000;
const sweepLock = 'notifier-sweep';
const leaderLock = 'notifier-leader';

export function createNotifier(options: NotifierOptions) {
  const services = options.services;
  const store = options.store ?? services.store;
  const logger = options.logger ?? services.logger;
  const clock = options.clock ?? (() => new Date());
  const now = () => clock().getTime();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const concurrency = options.concurrency ?? 8;
  const intervalMs = options.intervalMs ?? defaultIntervalMs;
  const state = store.notify;
  const ready = Promise.all([openAlertsConfig(store), openNotifyCache(store)]).then(([config, cache]) => ({
    config,
    cache,
    outbox: createOutbox(state, {
      sinks: options.sinks,
      clock: now,
      sleep,
      ...(options.pacingMs ? { pacingMs: options.pacingMs } : {}),
      logger,
      dms: dmBookkeeping(store, async () => targetsOf((await config.read()).channels), now),
    }),
  }));
  let running: Promise<SweepReport> | undefined;
  let cron: ReturnType<Every> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  /** Held while this process leads the schedule (one `start` sweeps; the others wait to take over). */
  let lead: HeldLease | undefined;

  const targetsOf = (channels: { discord?: string | undefined; slack?: string | undefined }): Target[] =>
    alertTargets(
      channels,
      options.sinks.some((s) => s.platform === 'webhook'),
    );

  async function sweep(deliver: boolean): Promise<SweepReport> {
    const { config, cache, outbox } = await ready;
    const started = now();
    const startedAt = new Date(started).toISOString();
    const alerts = await config.read();
    const rules = alerts.rules as Rule[];
    const targets = targetsOf(alerts.channels);
    const before = await state.read();
    const seen = (await cache.read()) as NotifyCache;
    const recipients = wantsCustomers(rules)
      ? recipientsFrom(await store.links.list(), await services.customerSettings.read())
      : undefined;
    const digestRules = rules.filter((r): r is RuleOf<'daily-digest'> => r.type === 'daily-digest');
    const dueDigests = digestRules.filter((r) => digestDue(r, before, started));
    const reports: ProviderSweepReport[] = [];
    const swept: Array<Promise<ProviderObservation>> = [];
    for (const provider of services.providers.list()) {
      const health = before.providers[provider.id];
      if (health?.backoffUntil && Date.parse(health.backoffUntil) > started) {
        reports.push({
          id: provider.id,
          ok: false,
          skipped: 'backoff',
          calls: 0,
          usageRead: 0,
          usageMissed: 0,
          durationMs: 0,
        });
        continue;
      }
      const plan = planSweep(provider, rules, {
        digest: dueDigests.length > 0,
        at: started,
        usageSeen: () => seen.usageSeen,
      });
      if (!plan) continue;
      swept.push(
        sweepProvider(provider, plan, {
          concurrency,
          now,
          onInternalError: (err) => logger.error({ err, provider: provider.id }, 'notifier: unexpected error'),
        }),
      );
    }
    const observations = await Promise.all(swept);
    const drawing =
      options.charts !== false && rules.some((r) => r.type === 'usage-spike' || r.type === 'daily-digest');
    const spent = dueDigests.length > 0 ? await spentSince(store, started - 24 * 3_600_000) : undefined;
    const cacheDraft = structuredClone(seen);
    const messages = await state.commit((draft) => {
      recordHealth(draft, observations, started);
      const firedBefore = draft.fired;
      draft.fired = { ...draft.fired };
      const alerts = evaluate(rules, observations, draft, cacheDraft, started, services.timeZone);
      const displayName = (id: string) => services.providers.get(id).displayName;
      const out = groupAlerts(staffAlerts(alerts, rules), { createdAt: startedAt, displayName, charts: drawing });
      const dms = recipients ? customerMessages(alerts, rules, recipients, { createdAt: startedAt, displayName }) : [];
      const toCustomers = dmEntries(dms, started);
      for (const rule of dueDigests) {
        out.push(buildDigest(observations, started, drawing, spent));
        markDigest(rule, draft, started);
      }
      if (targets.length === 0) {
        // Nowhere to deliver: report, but record nothing, so the alerts fire once a channel is set.
        draft.fired = firedWithoutStaff(firedBefore, draft.fired, rules);
        return { enqueue: toCustomers, result: [...out, ...dms.map((d) => d.message)] };
      }
      recordUsageSeen(cacheDraft, observations, rules, started);
      const toStaff = out.flatMap((message) => entriesFor(message, targets, started));
      return { enqueue: [...toStaff, ...toCustomers], result: [...out, ...dms.map((d) => d.message)] };
    });
    await cache.update((draft) => {
      draft.baselines = cacheDraft.baselines;
      draft.usageSeen = cacheDraft.usageSeen;
    });
    for (const o of observations) {
      reports.push({
        id: o.provider.id,
        ok: !o.failure && !o.rateLimited,
        calls: o.calls,
        ...(o.customers ? { customers: o.customers.length } : {}),
        usageRead: o.usage.size,
        usageMissed: o.usageMissed,
        durationMs: o.durationMs,
        ...(o.failure ? { error: { code: o.failure.code, message: o.failure.message } } : {}),
        ...(o.rateLimited ? { rateLimited: o.rateLimited.message } : {}),
      });
      if (o.rateLimited)
        logger.warn({ provider: o.provider.id }, `notifier: rate limited, backing off: ${o.rateLimited.message}`);
      if (o.failure) logger.warn({ provider: o.provider.id, code: o.failure.code }, `notifier: ${o.failure.message}`);
    }
    const recordedMs = now() - started;
    const delivery = deliver
      ? await outbox.flush()
      : { sent: 0, failed: 0, pending: await state.pendingCount(), errors: [] };
    scheduleRetry();
    const report: SweepReport = {
      startedAt,
      recordedMs,
      durationMs: now() - started,
      rules: rules.length,
      targets,
      providers: reports,
      messages,
      delivery,
    };
    logger.info(
      { durationMs: report.durationMs, messages: messages.length, sent: delivery.sent, pending: delivery.pending },
      'notifier: sweep done',
    );
    return report;
  }

  /** While started, a failed delivery is retried when due, not only at the next sweep. */
  function scheduleRetry(): void {
    if (!cron) return;
    clearTimeout(retryTimer);
    void ready.then(async ({ outbox }) => {
      const due = await outbox.nextDueAt();
      if (due === undefined || !cron) return;
      retryTimer = setTimeout(
        () => {
          void outbox.flush().then(scheduleRetry, (err: unknown) => logger.error({ err }, 'notifier: delivery failed'));
        },
        Math.max(1_000, due - now()),
      );
      retryTimer.unref();
    });
  }

  /**
   * One sweep, then delivery of what is due (`deliver: false` leaves it queued for the next flush).
   * A call while a sweep runs here gets that sweep's report; a sweep in another process on the same
   * store is waited for: sweeps never overlap.
   */
  function runOnce(options: { deliver?: boolean } = {}): Promise<SweepReport> {
    running ??= store.locks
      .withLock(sweepLock, () => sweep(options.deliver !== false), { waitMs: Math.max(intervalMs, 60_000) })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  /**
   * What the schedule runs: a sweep if this process leads (or can take the lead: the leader's
   * process ended), else nothing. Returns what happened.
   */
  async function tick(): Promise<'swept' | 'not-leader'> {
    if (lead && !(await lead.stillHeld().catch(() => false))) lead = undefined;
    lead ??= await store.locks.tryHold(leaderLock);
    if (!lead) return 'not-leader';
    await runOnce();
    return 'swept';
  }

  const notifier = {
    runOnce,
    /** Sweeps now and then every `intervalMs`; a sweep still running when the next is due is not doubled. */
    start(): void {
      if (cron) return;
      const sweepLogged = async () => {
        try {
          if ((await tick()) === 'not-leader') logger.debug('notifier: another process leads the sweeps');
        } catch (err) {
          logger.error({ err }, 'notifier: sweep failed');
        }
      };
      cron = (options.every ?? everyWithCroner)(intervalMs, sweepLogged);
      void sweepLogged();
    },
    async stop(): Promise<void> {
      cron?.stop();
      cron = undefined;
      clearTimeout(retryTimer);
      await running?.catch(() => undefined);
      // A delivery started by a purchase or an approval request finishes before the store may close.
      await (await ready).outbox.idle();
      await lead?.release().catch(() => undefined);
      lead = undefined;
    },
    tick,
    /** Delivers what is due now (retries included). */
    async flush(): Promise<DeliveryReport> {
      return (await ready).outbox.flush();
    },
    /** Queues a sample alert to every configured channel and delivers it. */
    async sendTest(actor: string): Promise<{ message: AlertMessage; targets: Target[]; delivery: DeliveryReport }> {
      const { config, outbox } = await ready;
      const at = now();
      const message = sampleAlert(actor, at);
      const targets = targetsOf((await config.read()).channels);
      await state.enqueue(entriesFor(message, targets, at));
      return { message, targets, delivery: await outbox.flush() };
    },
    async pending() {
      return (await ready).outbox.pending();
    },
  };
  registerNotifier(store, notifier);
  return notifier;
}

export type Notifier = ReturnType<typeof createNotifier>;
