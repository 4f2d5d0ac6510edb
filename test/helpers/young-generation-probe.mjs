// `node --import ./test/helpers/young-generation-probe.mjs ...`: on exit, prints the size of V8's
// young generation ("new space") to stderr as `new_space_bytes=N`, for the memory-settings test.
import { getHeapSpaceStatistics } from 'node:v8';

process.on('exit', () => {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  process.stderr.write(`new_space_bytes=${space?.space_size ?? -1}\n`);
});
