import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * The storage bench's baseline: a Node process that does nothing but measure its own event-loop
 * delay, the same way and over the same period as the bench measures its operations. Whatever this
 * one suffers is the machine's (the OS descheduling processes on a busy box), not the storage code's.
 * Sends 'ready', then on any message its worst and p99 delay in ms, and exits.
 */
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
process.on('message', () => {
  loop.disable();
  process.send({ worstMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6 }, () => process.exit(0));
});
process.send('ready');
