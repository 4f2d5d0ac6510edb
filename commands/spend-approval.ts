import { reply } from '../src/kit/reply.js';
import type { ApprovalRequest } from '../src/services/spend/approvals.js';
import { amountOfMinor } from '../src/services/spend/settings.js';
import { formatMoney } from '../src/services/units.js';

/** What the requester sees when a purchase waits for a second owner instead of being sent. */
export function approvalRequestedReply(request: ApprovalRequest, announcedTo: readonly string[]) {
  const where =
    announcedTo.length > 0
      ? `It is posted in the alert channel on ${announcedTo.join(' and ')}, where any other owner can approve or deny it`
      : 'No alert channel is set (/alerts channel set), so ask another owner';
  const message = `${request.summary}: ${formatMoney(request.price.minor, request.price.currency)} is above the approval threshold, so a second owner must approve it. Nothing was bought yet.`;
  return reply({
    ok: false,
    title: 'Waiting for a second owner',
    tone: 'warning',
    text: `${message}\n${where}, or run /spend approve ${request.id}, until ${request.expiresAt}.`,
    error: {
      code: 'confirmation_required',
      message,
      hint: `Another owner approves with /spend approve ${request.id} (or the Approve button) before ${request.expiresAt}.`,
    },
    data: {
      approval: {
        id: request.id,
        state: request.state,
        expiresAt: request.expiresAt,
        price: { amount: amountOfMinor(request.price.minor, request.price.currency), currency: request.price.currency },
        announcedTo,
      },
    },
  });
}
