import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { AppError } from '../../errors.js';
import type { Actor } from '../../kit/actor.js';
import type { Money } from '../../providers/types.js';
import type { DeepReadonly, DocumentHandle, Store } from '../../storage/store.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * Purchases above the owners' threshold wait here for a second owner. A request is decided once,
 * across every process on the store (the document changes atomically), never by the person who
 * asked, and not after it expired. Decided requests are kept a day, for `/spend show` and late presses.
 */
const personSchema = z.lazy(() => z.object({ platform: z.string(), userId: z.string(), name: z.string().optional() }));
export const approvalStates = ['pending', 'approved', 'denied', 'expired'] as const;

export const approvalRequestSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    provider: z.string(),
    /** The command run again once approved (`order buy`), with its arguments (never secret ones). */
    path: z.string(),
    args: z.record(z.string(), z.unknown()),
    /** What will be bought, in a sentence. */
    summary: z.string(),
    price: z.object({ minor: z.number().int(), currency: z.string() }),
    /** What the approved run must still find true (the price and promo it was asked at). */
    terms: z.record(z.string(), z.unknown()).optional(),
    requester: personSchema,
    createdAt: z.string(),
    expiresAt: z.string(),
    state: z.enum(approvalStates),
    decidedBy: personSchema.optional(),
    decidedAt: z.string().optional(),
  }),
);
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

const approvalsSchema = z.lazy(() => z.object({ requests: z.array(approvalRequestSchema) }));
type ApprovalsDocument = z.infer<typeof approvalsSchema>;

/** How long a request may wait for a second owner. */
export const defaultApprovalTtlMs = 30 * 60_000;
const keptMs = 24 * 60 * 60_000;

export interface NewApproval {
  provider: string;
  path: string;
  args: Record<string, unknown>;
  summary: string;
  price: Money;
  requester: Pick<Actor, 'platform' | 'userId' | 'name'>;
  terms?: Record<string, unknown>;
}

type Person = z.infer<typeof personSchema>;

const personOf = (who: Pick<Actor, 'platform' | 'userId' | 'name'>): Person => ({
  platform: who.platform,
  userId: who.userId,
  ...(who.name ? { name: who.name } : {}),
});

/** `discord:123 (Ann)`: who, as the replies name them. */
export function describePerson(who: Person): string {
  return `${who.platform}:${who.userId}${who.name ? ` (${who.name})` : ''}`;
}

/**
 * The same chat user: platform and user id. There is no link between one person's Discord and
 * Slack accounts, so an owner on both could approve from the other one (docs/commands.md#spending).
 */
export function samePerson(a: Person, b: Person): boolean {
  return a.platform === b.platform && a.userId === b.userId;
}

export class Approvals {
  private doc?: Promise<DocumentHandle<ApprovalsDocument>>;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    readonly ttlMs = defaultApprovalTtlMs,
  ) {}

  private document(): Promise<DocumentHandle<ApprovalsDocument>> {
    this.doc ??= this.store.documents.open('spend-approvals', approvalsSchema, { requests: [] });
    return this.doc;
  }

  async request(input: NewApproval): Promise<ApprovalRequest> {
    const created = this.now();
    const request: ApprovalRequest = {
      id: `ap_${randomBytes(9).toString('base64url')}`,
      provider: input.provider,
      path: input.path,
      args: structuredClone(input.args),
      summary: input.summary,
      price: { minor: input.price.minor, currency: input.price.currency },
      ...(input.terms ? { terms: structuredClone(input.terms) } : {}),
      requester: personOf(input.requester),
      createdAt: created.toISOString(),
      expiresAt: new Date(created.getTime() + this.ttlMs).toISOString(),
      state: 'pending',
    };
    await (await this.document()).update((draft) => {
      this.prune(draft);
      draft.requests.push(request);
    });
    return request;
  }

  async get(id: string): Promise<DeepReadonly<ApprovalRequest> | undefined> {
    return (await (await this.document()).read()).requests.find((r) => r.id === id.trim());
  }

  /** Pending requests, oldest first (an expired one is listed until someone presses it or it is pruned). */
  async pending(): Promise<DeepReadonly<ApprovalRequest>[]> {
    return (await (await this.document()).read()).requests.filter((r) => r.state === 'pending');
  }

  /**
   * Approves or denies once. Throws `invalid_input` for an unknown request, `forbidden` for the
   * requester, `conflict` for one already decided or expired (an expired one is marked so).
   */
  async decide(
    id: string,
    by: Pick<Actor, 'platform' | 'userId' | 'name'>,
    approve: boolean,
  ): Promise<ApprovalRequest> {
    const at = this.now();
    const outcome = await (await this.document()).update((draft) => {
      this.prune(draft);
      const request = draft.requests.find((r) => r.id === id.trim());
      if (!request) return { kind: 'unknown' as const };
      if (samePerson(request.requester, by)) return { kind: 'self' as const };
      if (request.state !== 'pending') return { kind: 'decided' as const, request: structuredClone(request) };
      if (Date.parse(request.expiresAt) <= at.getTime()) {
        request.state = 'expired';
        request.decidedAt = at.toISOString();
        return { kind: 'expired' as const, request: structuredClone(request) };
      }
      request.state = approve ? 'approved' : 'denied';
      request.decidedBy = personOf(by);
      request.decidedAt = at.toISOString();
      return { kind: 'decided-now' as const, request: structuredClone(request) };
    });
    switch (outcome.kind) {
      case 'unknown':
        throw new AppError('invalid_input', `There is no spending approval request '${id.slice(0, 40)}'.`, {
          hint: 'See /spend limit show for the requests waiting.',
        });
      case 'self':
        throw new AppError('forbidden', 'You asked for this purchase: another owner has to approve it.');
      case 'expired':
        throw new AppError(
          'conflict',
          `This approval request expired at ${outcome.request.expiresAt}; nothing was bought.`,
          {
            hint: 'Run the purchase again to ask anew.',
          },
        );
      case 'decided': {
        const r = outcome.request;
        const by = r.decidedBy ? ` by ${describePerson(r.decidedBy)}` : '';
        throw new AppError('conflict', `This request was already ${r.state}${by}.`);
      }
      default:
        return outcome.request;
    }
  }

  private prune(draft: ApprovalsDocument): void {
    const cutoff = this.now().getTime() - keptMs;
    draft.requests = draft.requests.filter((r) => Date.parse(r.decidedAt ?? r.expiresAt) >= cutoff);
  }
}
