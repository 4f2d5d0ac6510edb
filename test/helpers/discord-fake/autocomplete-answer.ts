/** The interaction callback type of an autocomplete answer. */
const autocompleteResult = 8;

/**
 * Discord's refusal of an autocomplete answer that breaks its limits (at most 25 choices, each name
 * and string value 1–100 characters), or undefined when it would take it. Discord refuses the
 * whole answer, so the user sees no suggestions at all.
 */
export function refusedAutocompleteAnswer(body: unknown): { code: number; message: string } | undefined {
  const answer = body as { type?: number; data?: { choices?: { name?: unknown; value?: unknown }[] } } | undefined;
  if (answer?.type !== autocompleteResult) return undefined;
  const choices = answer.data?.choices ?? [];
  const fits = (text: unknown) => typeof text !== 'string' || (text.length >= 1 && text.length <= 100);
  const valid =
    choices.length <= 25 && choices.every((c) => typeof c.name === 'string' && fits(c.name) && fits(c.value));
  return valid ? undefined : { code: 50035, message: 'Invalid Form Body' };
}
