#!/usr/bin/env node
// The CLI runs the build in dist/, which `npm ci` makes (the `prepare` script) and `npm run build`
// remakes. Stack traces point at the TypeScript sources through the source maps.
import { existsSync } from 'node:fs';
import { applyMemorySettings } from './memory-settings.js';

applyMemorySettings();
const entry = new URL('../dist/src/app/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('resellerops is not built yet: run `npm ci` (or `npm run build`) in its folder first.\n');
  process.exit(2);
}

await import(entry.href);
