import { closestMatch } from 'leven';
import { configVariableNames } from './config.js';

export interface UnknownVariable {
  name: string;
  /** The known variable it most likely meant. */
  suggestion?: string;
}

/** Our own prefix, for names like RESELLEROPS_DATA_DIR that look like ours but are not read. */
const ownPrefix = 'RESELLEROPS_';

/** A typo this far (in edits) from a known name is taken as meant for it. */
const typoDistance = 2;

const firstPart = (name: string) => name.split('_')[0] ?? name;

/**
 * Variables set in `env` that look meant for resellerops but that it does not read: they share a
 * known name's first part (`PROXYLITE_…`, `SLACK_…`), start with RESELLEROPS_, or are a typo or
 * two away from a known name. Each comes with the closest known name when one is near. Names only;
 * values are never looked at. Known names are the configuration schema's.
 */
export function unknownVariables(
  env: Record<string, string | undefined>,
  known: readonly string[] = configVariableNames(),
): UnknownVariable[] {
  const knownSet = new Set(known);
  const families = new Set(known.map(firstPart));
  const out: UnknownVariable[] = [];
  for (const name of Object.keys(env).sort()) {
    if (knownSet.has(name) || env[name] === undefined) continue;
    const upper = name.toUpperCase();
    const bare = upper.startsWith(ownPrefix) ? upper.slice(ownPrefix.length) : upper;
    // Allow about one edit in three characters, so that PROXYLITE_KEY still finds PROXYLITE_APP_KEY.
    const suggestion = closestMatch(bare, known, { maxDistance: Math.max(typoDistance, Math.floor(bare.length / 3)) });
    const looksOurs =
      upper.startsWith(ownPrefix) ||
      families.has(firstPart(upper)) ||
      closestMatch(upper, known, { maxDistance: typoDistance }) !== undefined;
    if (looksOurs) out.push({ name, ...(suggestion ? { suggestion } : {}) });
  }
  return out;
}
