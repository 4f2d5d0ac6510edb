// Memory by default, however the CLI is launched (npx, the bin, `node bin/resellerops.js` in a
// service file): V8's young generation keeps its first size instead of growing to 16 MB per
// semi-space after the start-up burst of allocations, which would otherwise stay resident while the
// bot idles. V8 reads --max-semi-space-size only when the heap is created, too late here; it reads
// the growth factor each time the young generation would grow, so setting that now takes effect.
// Whoever sizes the young generation with node flags or NODE_OPTIONS keeps their choice.
import { setFlagsFromString } from 'node:v8';

export function keepYoungGenerationSmall() {
  const chosen = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  if (!/semi[-_]space/.test(chosen)) setFlagsFromString('--semi-space-growth-factor=1');
}
