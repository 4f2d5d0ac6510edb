import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as z from 'zod';
import type { AccessGrants } from '../access.js';
import type { DocumentHandle } from '../documents.js';
import type { JournalEntry, JournalRecord } from '../journal-records.js';
import { applyRecord, recordsOf } from '../journal-records.js';
import type { CustomerLinks } from '../links.js';
import type { NotifyState, OutboxEntry } from '../notify.js';
import type { ExportItem, StoreTransfer } from '../transfer.js';
import type { FileAudit } from './audit.js';
import type { FileConfirmations } from './confirmations.js';
import { acquireFileLock } from './file-lock.js';
import type { FileJournal } from './journal.js';
import type { FileNotify } from './notify.js';
import type { FileRegistry } from './registry.js';
import { syncFile } from './sync.js';

/** Export and import for the data directory: every log and document, feature by feature. */
interface Parts {
  dir: string;
  registry: FileRegistry;
  audit: FileAudit;
  journal: FileJournal;
  access: AccessGrants;
  links: CustomerLinks;
  confirmations: FileConfirmations;
  notify: FileNotify;
  openDocument<T>(name: string, schema: z.ZodType<T>, defaults: T): Promise<DocumentHandle<T>>;
  fsync: boolean;
}

/** `<name>.json` files that are not features' own documents. */
const notDocuments = new Set(['access', 'links', 'registry', 'notify-state']);

export function fileTransfer(parts: Parts): StoreTransfer {
  const { dir } = parts;

  async function documentNames(): Promise<string[]> {
    const names = await readdir(dir);
    return names
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((name) => !notDocuments.has(name))
      .sort();
  }

  async function writeDocument(name: string, body: unknown): Promise<void> {
    const file = join(dir, `${name}.json`);
    const lock = await acquireFileLock(join(dir, '.locks', `doc-${name}.lock`));
    try {
      await writeFile(`${file}.import.tmp`, JSON.stringify(body, null, 2));
      await rename(`${file}.import.tmp`, file);
      if (parts.fsync) await syncFile(file);
    } finally {
      await lock?.release();
    }
  }

  return {
    async isEmpty() {
      const { state, outbox } = await parts.notify.all();
      return (
        (await parts.registry.count()) === 0 &&
        (await parts.audit.recent({ limit: 1 })).length === 0 &&
        (await parts.journal.all()).length === 0 &&
        (await parts.access.list()).length === 0 &&
        (await parts.links.list()).length === 0 &&
        (await parts.confirmations.all()).length === 0 &&
        Object.keys(state.fired).length === 0 &&
        Object.keys(state.providers).length === 0 &&
        outbox.length === 0 &&
        (await documentNames()).length === 0
      );
    },
    async *dump() {
      for (const value of await parts.registry.all()) yield { kind: 'customer', value };
      for (const value of await parts.access.list()) yield { kind: 'grant', value };
      for (const value of await parts.links.list()) yield { kind: 'link', value };
      for (const name of await documentNames()) {
        const body = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8'));
        yield { kind: 'document', value: { name, body } };
      }
      const { state, outbox } = await parts.notify.all();
      yield { kind: 'notify-state', value: state };
      for (const value of outbox) yield { kind: 'outbox', value };
      for (const value of await parts.confirmations.all()) yield { kind: 'confirmation', value };
      const entries = (await parts.journal.all()).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      for (const entry of entries) for (const value of recordsOf(entry)) yield { kind: 'journal', value };
      for await (const value of parts.audit.all()) yield { kind: 'audit', value };
    },
    async clear() {
      await parts.registry.clear();
      await parts.audit.clear();
      await parts.journal.clear();
      await parts.confirmations.clear();
      await parts.notify.clear();
      for (const grant of await parts.access.list()) await parts.access.remove(grant.grantee);
      for (const link of await parts.links.list()) await parts.links.remove(link.provider, link.username);
      for (const name of await documentNames()) await unlink(join(dir, `${name}.json`));
    },
    async load(items) {
      const sorted = sortItems(items);
      await parts.registry.load(sorted.customer);
      for (const grant of sorted.grant) await parts.access.put(grant);
      for (const link of sorted.link) await parts.links.put(link, { replace: true });
      for (const { name, body } of sorted.document) await writeDocument(name, body);
      if (sorted.state.length > 0 || sorted.outbox.length > 0) {
        const state: NotifyState = sorted.state.at(-1) ?? { fired: {}, providers: {} };
        await parts.notify.load(state, sorted.outbox);
      }
      await parts.confirmations.load(sorted.confirmation);
      await parts.journal.load(foldJournal(sorted.journal));
      await parts.audit.load(sorted.audit);
    },
  };
}

type Of<K extends ExportItem['kind']> = Extract<ExportItem, { kind: K }>['value'];

/** A batch of items, by kind (both backends load them kind by kind). */
export function sortItems(items: readonly ExportItem[]) {
  const out = {
    customer: [] as Of<'customer'>[],
    audit: [] as Of<'audit'>[],
    journal: [] as Of<'journal'>[],
    grant: [] as Of<'grant'>[],
    link: [] as Of<'link'>[],
    confirmation: [] as Of<'confirmation'>[],
    document: [] as Of<'document'>[],
    state: [] as Of<'notify-state'>[],
    outbox: [] as OutboxEntry[],
  };
  for (const item of items) {
    if (item.kind === 'customer') out.customer.push(item.value);
    else if (item.kind === 'audit') out.audit.push(item.value);
    else if (item.kind === 'journal') out.journal.push(item.value);
    else if (item.kind === 'grant') out.grant.push(item.value);
    else if (item.kind === 'link') out.link.push(item.value);
    else if (item.kind === 'confirmation') out.confirmation.push(item.value);
    else if (item.kind === 'document') out.document.push(item.value);
    else if (item.kind === 'notify-state') out.state.push(item.value);
    else out.outbox.push(item.value);
  }
  return out;
}

/** Journal records back into entries (a batch holds whole operations: export writes each one's records together). */
export function foldJournal(records: readonly JournalRecord[]): JournalEntry[] {
  const entries = new Map<string, JournalEntry>();
  for (const record of records) {
    const problem = applyRecord(entries, record);
    if (problem) throw new Error(`The journal records do not fit together: ${problem}.`);
  }
  return [...entries.values()];
}
