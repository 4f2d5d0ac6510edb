import { type Figure, loadNow, median, percentile, spreadOf } from './figures.js';

export type Side = 'bare' | 'bot';

export interface AckRoundsOptions {
  /** "discord defer" / "slack ack": names the figure. */
  what: string;
  burst: number;
  /** Runs, each of `roundsPerRun` rounds; one figure per run. */
  runs: number;
  roundsPerRun: number;
  /** Sends one burst of `n` concurrent commands to a side; the acknowledgement times in ms. */
  fire(side: Side, n: number): Promise<number[]>;
  /** Waits until the bot has answered every command sent so far (the work after the ack). */
  drain(): Promise<void>;
  /** CPU time (ms) the side's process has used so far, when it can be read: printed per burst. */
  cpuMs?(side: Side): number | undefined;
  print(line: string): void;
}

/** Every run at or under this; the median of the runs at or under `maxMedian`. */
const maxRun = 1.2;
const maxMedian = 1.1;

/**
 * The fair comparison both chat benchmarks share. Each side has answered one full burst before the
 * measured ones (so both are equally warm), then every round sends one burst to each side, which
 * goes first alternating, and waits for the bot's answers before the next round, so that no burst
 * meets the work of another. A burst's figure is its p99; a run's figure is the median of its bot
 * bursts' p99 over the median of its bare bursts' p99 (issue 12: "p99 per burst plus the median of
 * bursts"), and the targets are every run ≤ 1.2 and the median of the runs ≤ 1.1.
 *
 * Why runs of several rounds, not one round per figure: a round's two bursts are a second or two
 * apart on a shared 2-core machine, and the other processes' load swings between them. Measured
 * bare Bolt against a second bare Bolt (load average 9–11), single rounds gave 0.36–1.90 and runs of
 * four 0.65–1.18: a single round says more about the machine than about the bot. The CPU each
 * process spent on each burst is printed beside its times (read from /proc before and after the
 * burst): it moves less with the load than wall time, and it shows what the bot does before an ack
 * that bare Bolt or discord.js does not.
 */
export async function runAckRounds(options: AckRoundsOptions): Promise<Figure[]> {
  const { print, burst } = options;
  const loadStart = loadNow();
  await options.fire('bare', burst);
  await options.fire('bot', burst);
  await options.drain();
  const all: Record<Side, { p99: number[]; cpu: number[] }> = { bare: { p99: [], cpu: [] }, bot: { p99: [], cpu: [] } };
  const ratios: number[] = [];
  let round = 0;
  for (let run = 0; run < options.runs; run++) {
    const p99s: Record<Side, number[]> = { bare: [], bot: [] };
    for (let r = 0; r < options.roundsPerRun; r++, round++) {
      const order: Side[] = round % 2 === 0 ? ['bare', 'bot'] : ['bot', 'bare'];
      const line: string[] = [];
      for (const side of order) {
        const cpuBefore = options.cpuMs?.(side);
        const times = await options.fire(side, burst);
        const cpuAfter = options.cpuMs?.(side);
        const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
        const p99 = percentile(times, 0.99);
        p99s[side].push(p99);
        all[side].p99.push(p99);
        if (cpu !== undefined) all[side].cpu.push(cpu);
        line.push(
          `${side} p99 ${p99.toFixed(1)} ms, p50 ${percentile(times, 0.5).toFixed(1)} ms${cpu === undefined ? '' : `, CPU ${cpu.toFixed(0)} ms`}`,
        );
      }
      await options.drain();
      print(`  run ${run + 1} round ${r + 1}: ${line.join('; ')}`);
    }
    const ratio = median(p99s.bot) / median(p99s.bare);
    ratios.push(ratio);
    print(
      `  run ${run + 1}: median of the bursts' p99 bare ${median(p99s.bare).toFixed(1)} ms, bot ${median(p99s.bot).toFixed(1)} ms → ${ratio.toFixed(2)} (load average ${loadNow()})`,
    );
  }
  const load = `${loadStart} → ${loadNow()}`;
  const cpu = (side: Side) => (all[side].cpu.length > 0 ? `${median(all[side].cpu).toFixed(0)} ms` : 'n/a');
  print(
    `  over all ${round} rounds: median p99 bare ${median(all.bare.p99).toFixed(1)} ms, bot ${median(all.bot.p99).toFixed(1)} ms; median CPU per burst of ${burst}: bare ${cpu('bare')}, bot ${cpu('bot')}`,
  );
  const worst = Math.max(...ratios);
  const mid = median(ratios);
  return [
    {
      name: `${options.what} p99 ratio, worst run`,
      value: worst,
      unit: '×',
      target: maxRun,
      ok: worst <= maxRun,
      spread: spreadOf(ratios),
      load,
    },
    {
      name: `${options.what} p99 ratio, median of runs`,
      value: mid,
      unit: '×',
      target: maxMedian,
      ok: mid <= maxMedian,
      load,
    },
  ];
}
