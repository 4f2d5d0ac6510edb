import { UserInputError } from '../errors.js';

/**
 * Splits a command line on whitespace, keeping double-quoted runs together (`note:"two words"`).
 * A backslash escapes a quote inside quotes. Curly quotes, which chat clients substitute, count too.
 */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  const text = line.replace(/[\u201c\u201d]/g, '"');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '\\' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') {
        inQuotes = false;
      } else {
        current += ch;
      }
      continue;
    }
    if (ch === '"') {
      inQuotes = true;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) tokens.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (inQuotes) throw new UserInputError('A double quote is not closed.', { hint: 'Close it: note:"like this"' });
  if (started) tokens.push(current);
  return tokens;
}
