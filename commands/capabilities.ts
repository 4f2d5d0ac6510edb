import type { CapabilityFactsByName, ProviderDefinition } from '../src/providers/define.js';

/** The rows of the table: a label and the capability (or capabilities) it reads. */
const rows: ReadonlyArray<[string, ReadonlyArray<keyof CapabilityFactsByName>]> = [
  ['customers', ['customers']],
  ['balance', ['balance']],
  ['password reset', ['passwords']],
  ['config', ['proxyConfig', 'vpnConfig']],
  ['usage', ['usage']],
  ['reseller balance', ['resellerBalance']],
  ['orders', ['orders']],
];

/** What the provider says about a row, or "—" when it does not offer it upstream. */
function cell(definition: ProviderDefinition, names: ReadonlyArray<keyof CapabilityFactsByName>): string {
  const said = names.flatMap((name) => definition.capabilities[name]?.summary ?? []);
  return said.length > 0 ? said.join(' / ') : '—';
}

/** For `/help`: one line per configured provider, from its definition. */
export function capabilityTable(definitions: readonly ProviderDefinition[]): string {
  if (definitions.length === 0) return 'No provider is configured (set a key, or start with --sandbox).';
  return definitions
    .map((d) => `${d.id}: ${rows.map(([label, names]) => `${label} ${cell(d, names)}`).join('; ')}`)
    .join('\n');
}

/** For the README: the same facts as a Markdown table, one column per provider. */
export function capabilityMarkdown(definitions: readonly ProviderDefinition[]): string {
  const cellText = (text: string) => text.replaceAll('|', '\\|');
  return [
    `| | ${definitions.map((d) => d.displayName).join(' | ')} |`,
    `|---|${definitions.map(() => '---|').join('')}`,
    ...rows.map(([label, names]) => `| ${label} | ${definitions.map((d) => cellText(cell(d, names))).join(' | ')} |`),
  ].join('\n');
}
