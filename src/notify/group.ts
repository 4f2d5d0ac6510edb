import { createHash } from 'node:crypto';
import type { BarSeries } from '../images/chart.js';
import type { DailyUsage } from '../providers/types.js';
import { inUnit } from '../services/units.js';
import type { Alert, Severity } from './evaluate.js';
import type { AlertMessage, AlertTone, ChartPlan } from './message.js';

/** One message per subject per sweep: a customer's three alerts arrive together, most severe first. */

const rank: Record<Severity, number> = { error: 0, warning: 1, success: 2 };

export function messageId(parts: readonly string[]): string {
  return `al_${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24)}`;
}

function chartUnit(days: readonly DailyUsage[]): 'KB' | 'MB' | 'GB' {
  const peak = Math.max(0, ...days.map((d) => d.bytes));
  return peak >= 5e9 ? 'GB' : peak >= 5e6 ? 'MB' : 'KB';
}

export function usageChart(title: string, name: string, days: readonly DailyUsage[]): ChartPlan {
  const shown = days.slice(-14);
  const unit = chartUnit(shown);
  const series: BarSeries = {
    title,
    labels: shown.map((d) => d.date.slice(5)),
    values: shown.map((d) => inUnit(d.bytes, unit)),
    unit,
  };
  return { name, series };
}

export function groupAlerts(
  alerts: readonly Alert[],
  options: { createdAt: string; displayName: (providerId: string) => string; charts?: boolean | undefined },
): AlertMessage[] {
  const groups = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const list = groups.get(alert.group);
    if (list) list.push(alert);
    else groups.set(alert.group, [alert]);
  }
  const messages: AlertMessage[] = [];
  for (const [group, list] of groups) {
    list.sort((a, b) => rank[a.severity] - rank[b.severity]);
    const first = list[0] as Alert;
    const provider = options.displayName(first.provider);
    const worst = first.severity;
    const tone: AlertTone = worst;
    const title = first.name ? `${first.name} on ${provider}` : provider;
    const facts: Record<string, string> = {};
    for (const a of list) Object.assign(facts, a.facts);
    const fields = [
      { label: 'Provider', value: provider, inline: true },
      ...(first.name
        ? [{ label: first.name.startsWith('order ') ? 'Order' : 'Customer', value: first.name, inline: true }]
        : []),
      ...Object.entries(facts).map(([label, value]) => ({ label, value, inline: true })),
    ];
    const usage = list.find((a) => a.usage)?.usage;
    const message: AlertMessage = {
      id: messageId([options.createdAt, group, ...list.map((a) => `${a.ruleId}:${a.line}`)]),
      title: worst === 'success' ? `Recovered: ${title}` : `Alert: ${title}`,
      lines: list.map((a) => a.line),
      fields,
      tone,
      subject: group,
      provider: first.provider,
      createdAt: options.createdAt,
    };
    if (usage && usage.length > 0 && options.charts) {
      const safe = `${first.provider}-${(first.name ?? 'usage').replace(/[^A-Za-z0-9_.-]/g, '_')}`;
      message.chartPlan = usageChart(`${first.name} on ${provider}: daily usage`, `${safe}-usage.png`, usage);
    }
    messages.push(message);
  }
  return messages;
}
