import { UserInputError } from '../errors.js';
import type { ReplyFile } from '../kit/reply.js';
import type { DailyUsage, Provider } from '../providers/types.js';
import type { ProviderDirectory } from './providers.js';
import { inUnit } from './units.js';

export interface UsageResult {
  provider: Provider;
  username: string;
  days: DailyUsage[];
  totalBytes: number;
  remainingBytes?: number;
  chart?: ReplyFile;
}

/** The chart's unit: the one that keeps the busiest day readable. */
export function chartUnit(days: readonly DailyUsage[]): 'KB' | 'MB' | 'GB' {
  const peak = Math.max(0, ...days.map((d) => d.bytes));
  return peak >= 5e9 ? 'GB' : peak >= 5e6 ? 'MB' : 'KB';
}

export class UsageService {
  constructor(private readonly providers: ProviderDirectory) {}

  async show(providerId: string, username: string, days?: number): Promise<UsageResult> {
    const provider = this.providers.get(providerId);
    const usage = this.providers.capability(provider, 'usage', 'usage history');
    const name = this.providers.username(provider, username);
    if (days !== undefined && usage.maxDays === 0) {
      throw new UserInputError(`${provider.displayName} reports usage totals only, not days; leave days: out.`);
    }
    if (days !== undefined && (days < 1 || days > usage.maxDays)) {
      throw new UserInputError(
        `${provider.displayName} keeps ${usage.maxDays} days of history; days: must be 1–${usage.maxDays}.`,
      );
    }
    const wanted = days ?? Math.min(14, usage.maxDays);
    const report = await usage.report(name, { days: wanted });
    const shown = report.days.slice(-wanted);
    const totalBytes = report.days.length > 0 ? shown.reduce((sum, d) => sum + d.bytes, 0) : (report.usedBytes ?? 0);
    const result: UsageResult = {
      provider,
      username: name,
      days: shown,
      totalBytes,
      ...(report.remainingBytes !== undefined ? { remainingBytes: report.remainingBytes } : {}),
    };
    if (shown.length > 0) {
      // The chart library is large: load it on the first chart, not at start-up.
      const { renderBarChartPng } = await import('../images/chart.js');
      const unit = chartUnit(shown);
      result.chart = {
        name: `${provider.id}-${name}-usage.png`,
        contentType: 'image/png',
        data: await renderBarChartPng({
          title: `${name} on ${provider.displayName}: daily usage`,
          labels: shown.map((d) => d.date.slice(5)),
          values: shown.map((d) => inUnit(d.bytes, unit)),
          unit,
        }),
      };
    }
    return result;
  }
}
