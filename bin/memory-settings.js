// Memory by default, however the CLI is launched (npx, the bin, `node bin/resellerops.js` in a
// service file). Both settings are V8 flags that V8 reads again each time it sizes a heap space, so
// setting them here, before the app loads, takes effect; --max-semi-space-size or
// --max-old-space-size would not (V8 reads those once, when the heap is created). Whoever sets one of
// these with node flags or NODE_OPTIONS keeps their choice.
// - The young generation keeps its first size (1 MB per semi-space) instead of growing to 16 MB per
//   semi-space after the start-up burst of allocations and staying that size while the bot idles.
// - The old generation may grow to 1.5 times what survived the last full collection before the next
//   one, instead of up to 4 times: the notifier's sweep keeps ~35 MB alive but turns over hundreds of
//   MB of responses, and with the default the dead ones pile up to ~140 MB before they are collected.
import { setFlagsFromString } from 'node:v8';

export function applyMemorySettings() {
  const chosen = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  if (!/semi[-_]space/.test(chosen)) setFlagsFromString('--semi-space-growth-factor=1');
  if (!/heap[-_]growing[-_]percent/.test(chosen)) setFlagsFromString('--heap-growing-percent=50');
}
