import { AppError } from '../src/errors.js';
import { reply } from '../src/kit/reply.js';
import { subcommand } from '../src/runtime/command.js';
import { type ComparedOffer, compareKinds } from '../src/services/order-compare.js';
import { amountOfMinor } from '../src/services/spend/settings.js';

/** Fractions of a cent stay visible: 0.333 USD per IP, not 0.33. */
function perUnit(minor: number, currency: string): string {
  const whole = Math.abs(minor - Math.round(minor)) < 1e-9;
  return `${(minor / 100).toFixed(whole ? 2 : 3)} ${currency}`;
}

const price = (o: ComparedOffer) => `${(o.quote.price.minor / 100).toFixed(2)} ${o.quote.price.currency}`;

function differs(o: ComparedOffer): string {
  const parts = [
    o.auth.length > 0 ? `auth ${o.auth.join('/')}` : '',
    o.protocols.length > 0 ? `protocol ${o.protocols.join('/')}` : '',
    o.rotations.length > 0
      ? `rotation ${o.rotations.map((s) => (s % 60 === 0 ? `${s / 60}m` : `${s}s`)).join('/')}`
      : '',
  ].filter(Boolean);
  return parts.join(', ') || '—';
}

function table(offers: readonly ComparedOffer[]): string {
  const rows = offers.map((o, i) => [
    `${i + 1}`,
    o.provider.displayName,
    o.product.name,
    `${perUnit(o.normalized.minor, o.normalized.currency)} / ${o.normalized.per}`,
    `${price(o)} for ${o.quantity} ${o.unit}${o.quantity > 1 && o.unit !== 'GB' ? 's' : ''}${o.period ? `, ${o.period.label}` : ''}`,
    o.location ?? '—',
    differs(o),
  ]);
  const head = ['#', 'vendor', 'product', 'normalised', 'vendor quote', 'where', 'differs'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  return [head, ...rows]
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] as number))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export const compareSubcommand = subcommand({
  name: 'compare',
  description: "The vendors' own quotes for one kind of proxy side by side, cheapest first (nothing is bought)",
  minRole: 'viewer',
  options: [
    {
      name: 'kind',
      type: 'choice',
      description: 'datacenter (or ipv4), isp, mobile or residential',
      required: true,
      choices: compareKinds.map((k) => ({ name: k, value: k })),
    },
    { name: 'country', type: 'string', description: 'Country: US, USA or its English name', maxLength: 60 },
    { name: 'quantity', type: 'integer', description: 'IPs (GB for traffic products); default 1', min: 1, max: 10_000 },
    { name: 'days', type: 'integer', description: 'Rental period wanted, in days (default 30)', min: 1, max: 3650 },
  ],
  async run(ctx, args) {
    const days = args.days ?? 30;
    const { offers, failures } = await ctx.services.compare.compare({
      kind: args.kind as (typeof compareKinds)[number],
      country: args.country,
      quantity: args.quantity,
      days,
    });
    // A vendor that does not sell the kind explains least: the first real failure decides the code.
    const first = failures.find((f) => f.code !== 'unsupported') ?? failures[0];
    if (offers.length === 0) {
      const why = failures.map((f) => `${f.provider}: ${f.message}`).join('\n');
      throw new AppError(
        first ? (first.code as AppError['code']) : 'not_found',
        `No vendor could quote ${args.kind} proxies.\n${why}`.trim(),
      );
    }
    const notes = failures.map(
      (f) => `Not compared — ${f.provider}${f.product ? ` (${f.product})` : ''}: ${f.message}`,
    );
    return reply({
      title: `Compare ${args.kind} proxies${args.country ? ` in ${args.country}` : ''}`,
      tone: failures.length > 0 ? 'warning' : 'info',
      preformatted: true,
      text: [table(offers), '', "Prices are the vendors' own quotes; nothing was bought.", ...notes].join('\n'),
      data: {
        kind: args.kind,
        ...(args.country ? { country: args.country } : {}),
        quantity: args.quantity ?? 1,
        days,
        offers: offers.map((o) => ({
          provider: o.provider.id,
          product: o.product.name,
          productId: o.product.id,
          quantity: o.quantity,
          unit: o.unit,
          ...(o.period ? { period: o.period.id, days: o.period.days ?? null } : {}),
          ...(o.location ? { location: o.location } : {}),
          price: {
            amount: amountOfMinor(o.quote.price.minor, o.quote.price.currency),
            currency: o.quote.price.currency,
          },
          normalized: {
            amount: Math.round(amountOfMinor(o.normalized.minor, o.normalized.currency) * 10_000) / 10_000,
            currency: o.normalized.currency,
            per: o.normalized.per,
          },
          auth: o.auth,
          protocols: o.protocols,
          rotations: o.rotations,
        })),
        errors: failures.map((f) => ({
          provider: f.provider,
          ...(f.product ? { product: f.product } : {}),
          code: f.code,
          message: f.message,
        })),
      },
    });
  },
});
