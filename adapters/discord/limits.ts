/** Discord's documented limits; rendering cuts to these instead of letting the API refuse a reply. */
export const discordLimits = {
  commandName: 32,
  commandDescription: 100,
  optionsPerCommand: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Title, description, field names and values, footer: all embeds of a message together. */
  embedTotal: 6000,
  attachments: 10,
  content: 2000,
  customId: 100,
  buttonLabel: 80,
} as const;

/** Cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}
