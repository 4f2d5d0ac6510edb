import { z } from 'zod';

/** A variable that may be absent or empty (empty means unset), trimmed. */
export const optionalEnvText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** `<ID>_BASE_URL`: http(s) only, so a typo cannot send keys somewhere odd. */
export function optionalBaseUrl(example: string) {
  return optionalEnvText.refine((v) => v === undefined || (URL.canParse(v) && /^https?:\/\//.test(v)), {
    message: `must be an http(s) URL, e.g. ${example}`,
  });
}
