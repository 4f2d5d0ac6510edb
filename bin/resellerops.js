#!/usr/bin/env node
// The CLI runs the build in dist/, which `npm ci` makes (the `prepare` script) and `npm run build`
// remakes. Stack traces point at the TypeScript sources through the build's source maps, read when a
// stack is written (stack-sources.js).
import { existsSync } from 'node:fs';
import { mapStacksToSources } from './stack-sources.js';

// The memory settings are for a process that stays up (the bot, the console, a sweep). `exec` runs
// one command and ends: under them its start-up alone would run twice the young-generation
// collections (15 instead of 7 for /help), and it peaks under 80 MiB without them.
const verb = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (verb !== 'exec') (await import('./memory-settings.js')).applyMemorySettings();
const build = new URL('../dist/', import.meta.url);
const entry = new URL('src/app/main.js', build);
if (!existsSync(entry)) {
  process.stderr.write('resellerops is not built yet: run `npm ci` (or `npm run build`) in its folder first.\n');
  process.exit(2);
}
mapStacksToSources(build);
await import(entry.href);
