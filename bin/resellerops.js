#!/usr/bin/env node
// The CLI runs the build in dist/, which `npm ci` makes (the `prepare` script) and `npm run build`
// remakes. Stack traces point at the TypeScript sources through the source maps.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// Memory by default, however the CLI is launched (npx, the bin, `node bin/resellerops.js` in a
// service file): the young generation keeps its first size instead of growing to 16 MB per
// semi-space after the start-up burst of allocations, which otherwise stays resident while the bot
// idles. V8 reads --max-semi-space-size only when the heap is created, too late here; it reads the
// growth factor each time the young generation would grow, so setting it now takes effect. Someone
// who sizes the young generation with node flags or NODE_OPTIONS keeps their choice.
const chosen = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
if (!/semi[-_]space/.test(chosen)) setFlagsFromString('--semi-space-growth-factor=1');

const entry = new URL('../dist/src/app/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('resellerops is not built yet: run `npm ci` (or `npm run build`) in its folder first.\n');
  process.exit(2);
}
process.setSourceMapsEnabled(true);
await import(entry.href);
