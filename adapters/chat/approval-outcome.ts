import { type Reply, reply } from '../../src/kit/reply.js';

/**
 * What the approval request in the alert channel turns into once an owner decided it: who decided
 * and whether the purchase went through, for everyone in the channel. The full answer goes to the
 * owner who pressed, privately.
 */
export function approvalOutcome(out: Reply, approver: string, approve: boolean): Reply {
  if (!approve) return reply({ title: `Denied by ${approver}`, tone: 'info', text: 'Nothing was bought.' });
  return reply({
    title: `Approved by ${approver}`,
    tone: out.ok ? 'success' : 'warning',
    text: out.ok ? `${out.title}.` : `Nothing was bought: ${out.error?.message ?? out.title}`,
  });
}
