import { type Figure, loadNow, median, percentile, spreadOf } from './figures.js';

export type Side = 'bare' | 'bot';

export interface AckRoundsOptions {
  /** "discord defer" / "slack ack": names the figure. */
  what: string;
  burst: number;
  rounds: number;
  /** Sends one burst of `n` concurrent commands to a side; the acknowledgement times in ms. */
  fire(side: Side, n: number): Promise<number[]>;
  /** Waits until the bot has answered every command sent so far (the work after the ack). */
  drain(): Promise<void>;
  print(line: string): void;
}

/** Every round at or under this; the median of the rounds at or under `maxMedian`. */
const maxRound = 1.2;
const maxMedian = 1.1;

/**
 * The fair comparison both chat benchmarks share. Each side has answered one full burst before the
 * measured ones (so both are equally warm), then every round sends one burst to each side, which
 * goes first alternating, and waits for the bot's answers before the next round, so that no burst
 * meets the work of another. A round's figure is p99(bot) / p99(bare) of its two bursts.
 */
export async function runAckRounds(options: AckRoundsOptions): Promise<Figure[]> {
  const { print, burst } = options;
  const loadStart = loadNow();
  await options.fire('bare', burst);
  await options.fire('bot', burst);
  await options.drain();
  const p99s: Record<Side, number[]> = { bare: [], bot: [] };
  const p50s: Record<Side, number[]> = { bare: [], bot: [] };
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['bare', 'bot'] : ['bot', 'bare'];
    const times: Partial<Record<Side, number[]>> = {};
    for (const side of order) times[side] = await options.fire(side, burst);
    await options.drain();
    for (const side of order) {
      p99s[side].push(percentile(times[side] ?? [], 0.99));
      p50s[side].push(percentile(times[side] ?? [], 0.5));
    }
    const ratio = (p99s.bot.at(-1) as number) / (p99s.bare.at(-1) as number);
    ratios.push(ratio);
    print(
      `  round ${round + 1} (${order.join(' first, ')} second): p99 bare ${p99s.bare.at(-1)?.toFixed(1)} ms, bot ${p99s.bot.at(-1)?.toFixed(1)} ms; p50 bare ${p50s.bare.at(-1)?.toFixed(1)} ms, bot ${p50s.bot.at(-1)?.toFixed(1)} ms → ${ratio.toFixed(2)}`,
    );
  }
  const load = `${loadStart} → ${loadNow()}`;
  print(
    `  median of the bursts' p99: bare ${median(p99s.bare).toFixed(1)} ms, bot ${median(p99s.bot).toFixed(1)} ms; load average ${load}`,
  );
  const worst = Math.max(...ratios);
  const mid = median(ratios);
  return [
    {
      name: `${options.what} p99 ratio, worst round`,
      value: worst,
      unit: '×',
      target: maxRound,
      ok: worst <= maxRound,
      spread: spreadOf(ratios),
      load,
    },
    {
      name: `${options.what} p99 ratio, median of rounds`,
      value: mid,
      unit: '×',
      target: maxMedian,
      ok: mid <= maxMedian,
      load,
    },
  ];
}
