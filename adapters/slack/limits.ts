/** Slack's limits for what the adapter sends; render cuts to these instead of letting Slack refuse. */
export const slackLimits = {
  /** Blocks in one message. */
  blocks: 50,
  /** `header` block text (plain_text). */
  headerText: 150,
  /** `section` block text. */
  sectionText: 3000,
  /** One `fields` entry of a section. */
  sectionFieldText: 2000,
  /** Fields in one section. */
  sectionFields: 10,
  /** Elements in a `context` block. */
  contextElements: 10,
  /** Button label (plain_text). */
  buttonText: 75,
  /** `action_id` of a block element. */
  actionId: 255,
  /** The message's top-level fallback `text` (Slack allows 40,000; notifications show far less). */
  fallbackText: 3000,
  /** A slash command's description in the app manifest, as the picker shows it. */
  commandDescription: 100,
  /** A slash command's usage hint in the manifest. */
  usageHint: 100,
} as const;

/** Cuts text to `max` characters, ending with an ellipsis when something was cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
