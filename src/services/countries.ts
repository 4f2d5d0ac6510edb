// The library's main entry registers all of its ~80 languages (750 kB of names); only English is read here.
import countries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import type { CatalogChoice } from '../providers/types.js';

/**
 * Vendors name countries differently (alpha-3 at one, alpha-2 location codes at others): a country
 * typed either way, or by its English name, finds the vendor's own choice for it.
 */
/** Common names outside ISO 3166 that resellers type. */
const aliases: Record<string, string> = { UK: 'GB' };

countries.registerLocale(english);

function codesOf(text: string): Set<string> {
  const typed = text.trim();
  const t = aliases[typed.toUpperCase()] ?? typed;
  const codes = new Set([typed.toUpperCase(), t.toUpperCase()]);
  const alpha2 = countries.toAlpha2(t) ?? countries.getAlpha2Code(t, 'en');
  if (alpha2) {
    codes.add(alpha2.toUpperCase());
    const alpha3 = countries.alpha2ToAlpha3(alpha2);
    if (alpha3) codes.add(alpha3.toUpperCase());
  }
  return codes;
}

/** The vendor's location for `country`, matched by code (alpha-2 or alpha-3) or English name. */
export function findCountry(locations: readonly CatalogChoice[], country: string): CatalogChoice | undefined {
  const wanted = codesOf(country);
  return locations.find(
    (l) =>
      [...codesOf(l.id)].some((c) => wanted.has(c)) ||
      (l.name !== undefined && [...codesOf(l.name)].some((c) => wanted.has(c))),
  );
}
