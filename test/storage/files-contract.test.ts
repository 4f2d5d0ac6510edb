import { openStore } from '../../src/storage/open.js';
import { coordinationContract } from './contract/coordination.js';
import type { StoreHarness } from './contract/harness.js';
import { journalContract } from './contract/journal.js';
import { linksContract } from './contract/links.js';
import { notifyAndTransferContract } from './contract/notify-transfer.js';
import { registryAndAuditContract } from './contract/registry-audit.js';
import { everything, useTempDirs } from './tmp.js';

/** The storage contract on the files backend (a data directory). */
const tempDir = useTempDirs();
const files: StoreHarness = {
  name: 'files',
  async fresh() {
    const dir = await tempDir();
    return { open: (options = {}) => openStore(dir, { fsync: false, ...options }), raw: () => everything(dir) };
  },
};

registryAndAuditContract(files);
journalContract(files);
coordinationContract(files);
linksContract(files);
notifyAndTransferContract(files);
