import { runStorageBench } from './storage.js';

/** `npm run bench`: every benchmark in turn (not part of `npm test`). */
await runStorageBench();
