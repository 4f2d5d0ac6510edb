import { describe, expect, it } from 'vitest';
import { discordLimits } from '../../../adapters/discord/limits.js';
import { parseConfirmId, renderReply } from '../../../adapters/discord/render.js';
import { UserInputError } from '../../../src/errors.js';
import { errorReply, reply } from '../../../src/kit/reply.js';

const embedChars = (e: {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}) =>
  (e.title ?? '').length +
  (e.description ?? '').length +
  (e.footer?.text ?? '').length +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

describe('Reply → Discord message', () => {
  it('renders title, text, fields, footer and tone as one embed; private replies are ephemeral', () => {
    const out = renderReply(
      reply({
        title: 'Customer created',
        text: 'ready',
        visibility: 'private',
        fields: [{ label: 'Password', value: 's3cret', inline: true }],
        footer: 'SANDBOX',
      }),
    );
    expect(out.ephemeral).toBe(true);
    expect(out.embeds).toEqual([
      {
        title: 'Customer created',
        description: 'ready',
        color: 0x2ecc71,
        fields: [{ name: 'Password', value: 's3cret', inline: true }],
        footer: { text: 'SANDBOX' },
      },
    ]);
    expect(out.components).toEqual([]);
  });

  it('cuts an oversized reply to Discord limits instead of failing', () => {
    const out = renderReply(
      reply({
        title: 't'.repeat(400),
        text: 'd'.repeat(5000),
        fields: Array.from({ length: 40 }, (_, i) => ({ label: `f${i}`.repeat(100), value: 'v'.repeat(2000) })),
        files: Array.from({ length: 12 }, (_, i) => ({
          name: `f${i}.txt`,
          contentType: 'text/plain',
          data: Buffer.from('x'),
        })),
      }),
    );
    const [embed] = out.embeds;
    expect(embed!.title!.length).toBe(discordLimits.embedTitle);
    expect(embed!.description!.length).toBeLessThanOrEqual(discordLimits.embedDescription);
    expect(embed!.fields!.length).toBeLessThanOrEqual(discordLimits.embedFields);
    for (const f of embed!.fields!) {
      expect(f.name.length).toBeLessThanOrEqual(discordLimits.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(discordLimits.fieldValue);
      expect(f.value.length).toBeGreaterThan(0);
    }
    expect(embedChars(embed!)).toBeLessThanOrEqual(discordLimits.embedTotal);
    expect(out.files).toHaveLength(discordLimits.attachments);
  });

  it('keeps a table reply with fields within 6000 characters, its code fences counted', () => {
    const out = renderReply(
      reply({
        title: 'Usage',
        text: 'row\n'.repeat(2000),
        preformatted: true,
        fields: Array.from({ length: 5 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(1000) })),
        footer: 'SANDBOX',
      }),
    );
    const [embed] = out.embeds;
    expect(embed!.description).toMatch(/^```\n[\s\S]*\n```$/);
    expect(embedChars(embed!)).toBeLessThanOrEqual(discordLimits.embedTotal);
  });

  it("adds the buttons' expiry note only where it keeps the message within 6000 characters", () => {
    const confirmation = { kind: 'paid' as const, prompt: 'Buy', id: 'abc_123', expiresAt: '2030-01-01T00:00:00.000Z' };
    const full = renderReply(
      reply({
        ok: false,
        title: 'Confirmation required',
        text: 'd'.repeat(3000),
        fields: Array.from({ length: 5 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(1000) })),
        confirmation,
      }),
    );
    expect(embedChars(full.embeds[0]!)).toBeLessThanOrEqual(discordLimits.embedTotal);
    expect(full.components).toHaveLength(1);
    const short = renderReply(reply({ ok: false, title: 'Confirmation required', text: 'Buy x', confirmation }));
    expect(short.embeds[0]!.description).toContain('<t:1893456000:R>');
  });

  it('adds Confirm/Cancel buttons when the reply waits for a stored confirmation', () => {
    const out = renderReply(
      reply({
        ok: false,
        title: 'Confirmation required',
        text: 'Delete x',
        confirmation: { kind: 'destructive', prompt: 'Delete x', id: 'abc_123', expiresAt: '2030-01-01T00:00:00.000Z' },
      }),
    );
    expect(out.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 4, label: 'Confirm', custom_id: 'ro:confirm:abc_123' },
          { type: 2, style: 2, label: 'Cancel', custom_id: 'ro:cancel:abc_123' },
        ],
      },
    ]);
    expect(out.embeds[0]!.description).toContain('<t:1893456000:R>');
    expect(parseConfirmId('ro:cancel:abc_123')).toEqual({ id: 'abc_123', confirm: false });
    expect(parseConfirmId('other')).toBeUndefined();
  });

  it('shows the usage line of an input error', () => {
    const out = renderReply(errorReply(new UserInputError('bad'), { usage: '/x <y>' }));
    expect(out.embeds[0]!.description).toBe('bad\nUsage: /x <y>');
    expect(out.ephemeral).toBe(true);
  });
});
