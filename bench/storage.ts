import { performance } from 'node:perf_hooks';
import type { Store } from '../src/storage/store.js';
import { type Figure, loadNow, median, percentile } from './figures.js';
import { GcPauses, OperationDelays, startBareLoop } from './loop-delay.js';
import { type BenchBackend, benchBackends, due, type Shape } from './storage-backends.js';

/**
 * Storage costs that must not grow with history, on both backends (files in DATA_DIR, PostgreSQL):
 *   - an audited change (journal.begin → the upstream call, a no-op here → journal.succeed → audit.append)
 *     and a registry create and delete, at 1k and at 100k customers: the medians' ratio, and the worst
 *     event-loop delay while they ran (a stall delays every Discord/Slack ack);
 *   - delivering one alert (claim it, send it to a no-op sink, mark it sent) with 10 vs 10k deliveries
 *     pending in the outbox.
 * Stores are measured round-robin, so drift (page cache, CPU frequency, other load) hits all alike.
 * The event-loop delay is measured per kind of operation (bench/loop-delay.ts), beside a bare Node
 * loop measured over the same period (see stallBeyondMachine for how the gate uses it).
 * Targets: ratios ≤ 2, worst event-loop delay ≤ 50 ms. Durability as in production (fsync on).
 */
const warmup = 20;
const samples = 150;
const maxRatio = 2;
const maxStallMs = 50;
/** A bare loop whose worst delay stays under this saw a quiet machine: nothing of ours is discounted. */
const quietBaselineMs = 20;
const actor = { platform: 'discord', userId: '123456789012345678', name: 'bench' };

const shapes: Shape[] = [
  { name: '1k customers', customers: 1_000, audit: 10_000, outbox: 10 },
  { name: '100k customers', customers: 100_000, audit: 200_000, outbox: 10_000 },
];
const kinds = ['audited change', 'registry create', 'registry delete', 'alert delivery'] as const;
type Kind = (typeof kinds)[number];

export async function runStorageBench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const backend of await benchBackends()) {
    try {
      figures.push(...(await benchBackend(backend)));
    } finally {
      await backend.close();
    }
  }
  const met = figures.every((f) => f.ok);
  console.log(
    `\nTargets: ratios ≤ ${maxRatio}, worst event-loop delay ≤ ${maxStallMs} ms beyond the bare loop's — ${met ? 'met' : 'MISSED'}`,
  );
  return figures;
}

/**
 * The stall gate. A bare Node process measured over the same period (bench/bare-loop.js) shows what
 * the machine alone did to an event loop: on a shared, loaded box the OS deschedules every process
 * for tens of ms, which no storage code can prevent. So when the bare loop saw a stall (worst over
 * `quietBaselineMs`) the gate is on ours minus its worst; when it was quiet, on ours as measured
 * (nothing to discount, and the stricter reading).
 */
function stallBeyondMachine(oursMs: number, bareWorstMs: number): number {
  return bareWorstMs > quietBaselineMs ? Math.max(0, oursMs - bareWorstMs) : oursMs;
}

async function benchBackend(backend: BenchBackend): Promise<Figure[]> {
  console.log(`\n--- ${backend.name} ---`);
  const stores: Store[] = [];
  for (const shape of shapes) {
    const built = performance.now();
    stores.push(await backend.prepare(shape));
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(
      `  ${shape.name}: built and opened in ${((performance.now() - built) / 1000).toFixed(1)} s (heap ${heapMb.toFixed(0)} MB)`,
    );
  }
  const times = stores.map(() => Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<Kind, number[]>);
  const delays = stores.map(() => new OperationDelays(kinds));
  const gcs = new GcPauses();
  const loadBefore = loadNow();
  const bare = await startBareLoop();
  gcs.start();
  for (let round = 0; round < warmup + samples; round++) {
    for (const [i, store] of stores.entries()) {
      const tag = `${backend.name}-${round}`;
      const record = round >= warmup;
      const measure = (kind: Kind, fn: () => Promise<unknown>) => delays[i]!.measure(kind, record, fn);
      const took = {
        'audited change': await measure('audited change', () => auditedChange(store, tag)),
        'registry create': await measure('registry create', () =>
          store.registry.upsert({ provider: 'proxyshard', username: `new-${tag}`, createdBy: actor }),
        ),
        'registry delete': await measure('registry delete', () => store.registry.remove('proxyshard', `new-${tag}`)),
        'alert delivery': await deliverOne(store, `${tag}-${i}`, round, measure),
      };
      if (record) for (const kind of kinds) times[i]![kind].push(took[kind]);
    }
  }
  gcs.stop();
  const baseline = await bare.stop();
  const load = `${loadBefore} → ${loadNow()}`;
  const figures: Figure[] = [];

  console.log(row(['operation', ...shapes.map((s) => `${s.name} median ms`), 'ratio', 'p95 ratio']));
  let worstRatio = 0;
  for (const kind of kinds) {
    const small = times[0]![kind];
    const large = times[1]![kind];
    const ratio = median(large) / median(small);
    worstRatio = Math.max(worstRatio, ratio);
    console.log(
      row([
        label(kind),
        median(small).toFixed(2),
        median(large).toFixed(2),
        `${ratio.toFixed(2)}${ratio > maxRatio ? ' MISSED' : ''}`,
        (percentile(large, 0.95) / percentile(small, 0.95)).toFixed(2),
      ]),
    );
  }
  figures.push({
    name: `storage ${backend.short}: 100k vs 1k median, worst op`,
    value: worstRatio,
    unit: '×',
    target: maxRatio,
    ok: worstRatio <= maxRatio,
    load,
  });

  console.log(
    `\n  event-loop delay (ms) while each ran: worst (longest GC pause begun in it), p99 over operations; load ${load}`,
  );
  console.log(row(['operation', ...shapes.map((s) => `${s.name} worst (GC)`), 'op p99 1k', 'op p99 100k']));
  let ours = 0;
  const worstOf: string[] = [];
  for (const kind of kinds) {
    const [small, large] = delays as [OperationDelays<Kind>, OperationDelays<Kind>];
    ours = Math.max(ours, small.worstMs(kind), large.worstMs(kind));
    const cell = (d: OperationDelays<Kind>) => {
      const gc = d.longestGc(kind, gcs);
      return `${d.worstMs(kind).toFixed(1)} (GC ${gc ? `${gc.duration.toFixed(1)} ${gc.kind}` : 'none'})`;
    };
    console.log(
      row([label(kind), cell(small), cell(large), small.p99Ms(kind).toFixed(1), large.p99Ms(kind).toFixed(1)]),
    );
    worstOf.push(`${kind} ${Math.max(small.worstMs(kind), large.worstMs(kind)).toFixed(1)}`);
  }
  console.log(
    row(['bare Node loop, same period', baseline.worstMs.toFixed(1), `(its p99 ${baseline.p99Ms.toFixed(1)})`, '', '']),
  );
  const beyond = stallBeyondMachine(ours, baseline.worstMs);
  const rule = baseline.worstMs > quietBaselineMs ? 'ours minus the bare loop’s worst' : 'ours (bare loop quiet)';
  console.log(
    `  stall gated: ${beyond.toFixed(1)} ms = ${rule}; target ≤ ${maxStallMs} ms${beyond > maxStallMs ? ' MISSED' : ''}`,
  );
  figures.push({
    name: `storage ${backend.short}: stall beyond bare loop`,
    value: beyond,
    unit: 'ms',
    target: maxStallMs,
    ok: beyond <= maxStallMs,
    spread: `ours ${ours.toFixed(1)} ms (${worstOf.join(', ')}), bare loop ${baseline.worstMs.toFixed(1)} ms`,
    load,
  });
  for (const store of stores) await store.close();
  return figures;
}

function label(kind: Kind): string {
  return kind === 'alert delivery' ? `alert delivery (${shapes[0]!.outbox} vs ${shapes[1]!.outbox} queued)` : kind;
}

async function auditedChange(store: Store, interactionId: string): Promise<void> {
  const begun = await store.journal.begin({
    interactionId,
    kind: 'balance add',
    provider: 'proxyshard',
    target: 'customer-42',
    actor,
    params: { amount: 5, unit: 'GB' },
  });
  if (begun.state !== 'started') throw new Error(`bench: unexpected journal state ${begun.state}`);
  await store.journal.succeed(begun.entry.id, { remainingBytes: 5_000_000_000, limitBytes: null });
  await store.audit.append({
    actor,
    platform: 'discord',
    command: 'balance add',
    provider: 'proxyshard',
    target: 'customer-42',
    result: 'ok',
    details: { amount: 5, unit: 'GB', remainingBytes: 5_000_000_000 },
  });
}

/**
 * What the outbox does per alert: claim the oldest due delivery, send it (no-op sink), mark it sent.
 * The delivery is queued first, untimed, beside the backlog of `shape.outbox` waiting ones.
 */
async function deliverOne(
  store: Store,
  tag: string,
  round: number,
  measure: (kind: Kind, fn: () => Promise<unknown>) => Promise<number>,
): Promise<number> {
  await store.notify.enqueue([due(tag)]);
  const now = new Date(Date.UTC(2030, 0, 1) + round * 1000).toISOString();
  return measure('alert delivery', async () => {
    const [entry] = await store.notify.claimDue({
      platforms: ['discord'],
      now,
      by: 'bench',
      until: '2031-01-01T00:00:00.000Z',
      limit: 1,
    });
    if (entry?.id !== `${tag}@discord:C1`) throw new Error(`bench: claimed ${entry?.id} instead of ${tag}`);
    await store.notify.markSent(entry.id, now);
  });
}

function row(cells: string[]): string {
  const widths = [40, 26, 26, 12, 12];
  return `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' ')}`;
}
