// What bench/sweep-child.js drives, as one entry point of the build (scripts/build.mjs): the
// composition root, the notifier and the Discord alert sink. One entry instead of three keeps the
// build from splitting the CLI's own code into more, smaller chunks.

export { createDiscordAlertSink } from '../adapters/discord/alert-sink.js';
export { bootApp } from '../src/app/boot.js';
export { createNotifier } from '../src/notify/notifier.js';
