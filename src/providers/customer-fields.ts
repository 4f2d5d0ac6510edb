/** How a value of `Customer.extra` is written in a reply. */
export type CustomerFieldFormat = 'text' | 'yes-no' | 'count' | 'MB' | 'GB' | 'date';

/**
 * How a provider's `Customer.extra` facts read in replies, keyed like `extra`: a label and a format,
 * or null to leave a fact out (the reply already says it another way). Each provider owns its map,
 * next to the code that fills `extra`.
 */
export type CustomerFields = Readonly<Record<string, { label: string; format?: CustomerFieldFormat } | null>>;
