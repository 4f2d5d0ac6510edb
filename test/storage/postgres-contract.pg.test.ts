import postgres from 'postgres';
import { openStore } from '../../src/storage/open.js';
import { useDatabases } from '../helpers/postgres.js';
import { coordinationContract } from './contract/coordination.js';
import type { StoreHarness } from './contract/harness.js';
import { journalContract } from './contract/journal.js';
import { linksContract } from './contract/links.js';
import { notifyAndTransferContract } from './contract/notify-transfer.js';
import { registryAndAuditContract } from './contract/registry-audit.js';

/** Every row of every table, as text (what a secret must never be found in). */
async function everything(url: string): Promise<string> {
  const sql = postgres(url, { onnotice: () => undefined, max: 1 });
  try {
    const tables = await sql`select tablename from pg_tables where schemaname = 'public'`;
    const out: string[] = [];
    for (const { tablename } of tables) {
      const rows = await sql`select t::text as row from ${sql(tablename as string)} t`;
      out.push(...rows.map((r) => String(r.row)));
    }
    return out.join('\n');
  } finally {
    await sql.end();
  }
}

/** The storage contract on PostgreSQL (a real server the test run starts; a fresh database per location). */
const database = useDatabases();
const pg: StoreHarness = {
  name: 'postgres',
  async fresh() {
    const url = await database();
    return {
      open: (options = {}) => openStore({ dataDir: '', databaseUrl: url }, options),
      raw: () => everything(url),
    };
  },
};

registryAndAuditContract(pg);
journalContract(pg);
coordinationContract(pg);
linksContract(pg);
notifyAndTransferContract(pg);
