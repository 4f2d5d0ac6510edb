import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Store } from '../src/storage/store.js';
import { type BenchBackend, benchBackends, due, type Shape } from './storage-backends.js';

/**
 * Storage costs that must not grow with history, on both backends (files in DATA_DIR, PostgreSQL):
 *   - an audited change (journal.begin → the upstream call, a no-op here → journal.succeed → audit.append)
 *     and a registry create and delete, at 1k and at 100k customers: the medians' ratio, and the worst
 *     event-loop delay while they ran (a stall delays every Discord/Slack ack);
 *   - delivering one alert (claim it, send it to a no-op sink, mark it sent) with 10 vs 10k deliveries
 *     pending in the outbox.
 * Stores are measured round-robin, so drift (page cache, CPU frequency, other load) hits all alike.
 * Targets: ratios ≤ 2, worst event-loop delay ≤ 50 ms. Durability as in production (fsync on).
 */
const warmup = 20;
const samples = 150;
const maxRatio = 2;
const maxStallMs = 50;
const actor = { platform: 'discord', userId: '123456789012345678', name: 'bench' };

const shapes: Shape[] = [
  { name: '1k customers', customers: 1_000, audit: 10_000, outbox: 10 },
  { name: '100k customers', customers: 100_000, audit: 200_000, outbox: 10_000 },
];

export async function runStorageBench(): Promise<void> {
  let failed = false;
  for (const backend of await benchBackends()) {
    try {
      failed = (await benchBackend(backend)) || failed;
    } finally {
      await backend.close();
    }
  }
  console.log(
    `\nTargets: ratios ≤ ${maxRatio}, worst event-loop delay ≤ ${maxStallMs} ms — ${failed ? 'MISSED' : 'met'}`,
  );
  if (failed) process.exitCode = 1;
}

async function benchBackend(backend: BenchBackend): Promise<boolean> {
  console.log(`\n--- ${backend.name} ---`);
  const stores: Store[] = [];
  for (const shape of shapes) {
    const built = performance.now();
    stores.push(await backend.prepare(shape));
    console.log(`  ${shape.name}: built and opened in ${((performance.now() - built) / 1000).toFixed(1)} s`);
  }
  const kinds = ['audited change', 'registry create', 'registry delete', 'alert delivery'] as const;
  const times = stores.map(
    () => Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<(typeof kinds)[number], number[]>,
  );
  const loops = stores.map(() => monitorEventLoopDelay({ resolution: 1 }));
  for (let round = 0; round < warmup + samples; round++) {
    for (const [i, store] of stores.entries()) {
      const tag = `${backend.name}-${round}`;
      if (round >= warmup) loops[i]!.enable();
      const took = {
        'audited change': await timed(() => auditedChange(store, tag)),
        'registry create': await timed(() =>
          store.registry.upsert({ provider: 'proxyshard', username: `new-${tag}`, createdBy: actor }),
        ),
        'registry delete': await timed(() => store.registry.remove('proxyshard', `new-${tag}`)),
        'alert delivery': await deliverOne(store, `${tag}-${i}`, round),
      };
      loops[i]!.disable();
      if (round >= warmup) for (const kind of kinds) times[i]![kind].push(took[kind]);
    }
  }
  const stalls = loops.map((loop) => loop.max / 1e6);
  const p99s = loops.map((loop) => loop.percentile(99) / 1e6);
  let failed = (stalls[1] as number) > maxStallMs;
  console.log(row(['operation', ...shapes.map((s) => `${s.name} median ms`), 'ratio', 'p95 ratio']));
  for (const kind of kinds) {
    const small = times[0]![kind];
    const large = times[1]![kind];
    const ratio = median(large) / median(small);
    if (ratio > maxRatio) failed = true;
    const label =
      kind === 'alert delivery' ? `alert delivery (${shapes[0]!.outbox} vs ${shapes[1]!.outbox} queued)` : kind;
    console.log(
      row([
        label,
        median(small).toFixed(2),
        median(large).toFixed(2),
        `${ratio.toFixed(2)}${ratio > maxRatio ? ' MISSED' : ''}`,
        (percentile(large, 0.95) / percentile(small, 0.95)).toFixed(2),
      ]),
    );
  }
  const [smallStall, largeStall] = stalls as [number, number];
  const stallNote = largeStall > maxStallMs ? ' MISSED' : '';
  console.log(
    row(['worst event-loop delay (ms)', smallStall.toFixed(1), `${largeStall.toFixed(1)}${stallNote}`, '', '']),
  );
  console.log(
    row(['event-loop delay p99 (ms)', (p99s[0] as number).toFixed(1), (p99s[1] as number).toFixed(1), '', '']),
  );
  for (const store of stores) await store.close();
  return failed;
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
async function deliverOne(store: Store, tag: string, round: number): Promise<number> {
  await store.notify.enqueue([due(tag)]);
  const now = new Date(Date.UTC(2030, 0, 1) + round * 1000).toISOString();
  return timed(async () => {
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

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? 0;
}

function row(cells: string[]): string {
  const widths = [40, 22, 24, 12, 10];
  return `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' ')}`;
}
