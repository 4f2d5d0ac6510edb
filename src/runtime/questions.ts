import type { Platform } from '../kit/actor.js';
import { type ConfirmKind, type Reply, reply } from '../kit/reply.js';

/**
 * The question a destructive or paid command asks first: Confirm/Cancel on chat, `confirm:yes` on
 * the terminal. It carries its kind, so adapters style the buttons without reading the prompt.
 */
export function questionReply(
  kind: ConfirmKind,
  what: string,
  platform: Platform,
  extra: { terms?: Record<string, unknown>; data?: Record<string, unknown> } = {},
): Reply {
  const { terms, data } = extra;
  const ask = kind === 'paid' ? 'This spends money at the provider.' : 'This cannot be undone.';
  const terminal = platform === 'terminal';
  return reply({
    ok: false,
    visibility: 'private',
    title: 'Confirmation required',
    text: `${what}\n${ask}${terminal ? '\nAdd confirm:yes to go ahead.' : ''}`,
    tone: 'warning',
    error: {
      code: 'confirmation_required',
      message: `${what.replace(/[.!?]$/, '')}. ${ask}`,
      hint: terminal ? 'Add confirm:yes to go ahead.' : 'Press Confirm to go ahead.',
    },
    confirmation: { kind, prompt: `${what}\n${ask}`, ...(terms ? { terms } : {}) },
    ...(data ? { data } : {}),
  });
}

/** A press that came too late, or after a restart lost the secret it needed: nothing was done. */
export function expiredReply(reason: 'timeout' | 'restart'): Reply {
  return reply({
    ok: false,
    visibility: 'private',
    title: 'Confirmation expired',
    tone: 'warning',
    text:
      reason === 'restart'
        ? 'The bot restarted and no longer holds the password you chose; run the command again.'
        : 'This confirmation expired; nothing was done. Run the command again.',
    error: { code: 'conflict', message: 'The confirmation expired.' },
    pressed: 'expired',
  });
}

/** A second owner said no to a purchase waiting for approval: nothing was bought. */
export function deniedReply(request: { id: string; summary: string }): Reply {
  return reply({
    title: 'Purchase denied',
    tone: 'info',
    text: `${request.summary}\nDenied; nothing was bought.`,
    data: { approval: { id: request.id, state: 'denied' } },
  });
}

export function cancelledReply(): Reply {
  return reply({
    visibility: 'private',
    title: 'Cancelled',
    tone: 'info',
    text: 'Nothing was done.',
    pressed: 'cancelled',
  });
}
