/** The review queue's records as TypeBox schemas: what the worker stores, what agents see and send. */
import { Type, type Static } from 'typebox';
import { Draft } from '../drafting/draft-schema.js';
import { LintFinding } from '../drafting/lint/index.js';
import { Priority } from '../drafting/routing.js';

export const ReviewId = Type.String({
  title: 'ReviewId',
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9._-]+$',
  description: 'The review id: the id of the job that drafted it',
  examples: ['t5d2c1f0a9b8e-key-9f86d081884c7d659a2feaa0c55ad015'],
});

export const AgentName = Type.String({
  title: 'AgentName',
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: 'Who is working on the draft (agent id or name)',
  examples: ['佐藤'],
});

export const ReviewStatus = Type.Union(
  [Type.Literal('pending'), Type.Literal('claimed'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('withdrawn')],
  {
    title: 'ReviewStatus',
    description:
      'pending: waiting for an agent; claimed: an agent holds a lease on it; approved / rejected: decided; ' +
      'withdrawn: a follow-up draft whose case the customer answered before it was sent',
  },
);
export type ReviewStatus = Static<typeof ReviewStatus>;

/** What the worker writes once; the status, claim and decision change around it. */
export const ReviewDraftInput = Type.Object(
  {
    id: ReviewId,
    source: Type.Union([Type.Literal('triage'), Type.Literal('followup')], {
      description: 'triage: a reply to a mail; followup: a scheduled reminder or closing notice',
    }),
    caseId: Type.Optional(Type.String({ description: 'The case the draft belongs to, when the client gave one' })),
    priority: Priority,
    replyBy: Type.String({
      format: 'date-time',
      description: 'Deadline (triage: from the SLA; follow-ups: when the draft is due to be sent)',
    }),
    replyByLabel: Type.String({ description: 'The deadline as an agent reads it', examples: ['11月26日（木）14:15まで'] }),
    escalate: Type.Boolean({ description: 'A supervisor should own this case (責任者対応)' }),
    escalateReasons: Type.Array(Type.String(), { description: 'Why it is escalated, in Japanese' }),
    draft: Draft,
    createdAt: Type.String({ format: 'date-time', description: 'When the draft entered the review queue' }),
  },
  { additionalProperties: false },
);
export type ReviewDraftInput = Static<typeof ReviewDraftInput>;

export const ReviewDecision = Type.Object(
  {
    status: Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('withdrawn')]),
    agent: Type.Optional(AgentName),
    at: Type.String({ format: 'date-time', description: 'When it was decided' }),
    subject: Type.Optional(Type.String({ description: 'approved: the subject to send' })),
    text: Type.Optional(Type.String({ description: 'approved: the reply to send (the draft as the agent edited it)' })),
    edited: Type.Optional(Type.Boolean({ description: 'approved: whether the agent changed the draft' })),
    lint: Type.Optional(Type.Array(LintFinding, { description: "approved: the reply linter's findings on the text that was approved" })),
    reason: Type.Optional(Type.String({ description: 'rejected / withdrawn: why' })),
  },
  { title: 'ReviewDecision', additionalProperties: false },
);
export type ReviewDecision = Static<typeof ReviewDecision>;

export const ReviewItem = Type.Object(
  {
    ...ReviewDraftInput.properties,
    status: ReviewStatus,
    claim: Type.Optional(
      Type.Object(
        {
          agent: AgentName,
          expiresAt: Type.String({ format: 'date-time', description: 'When the lease lapses and the draft returns to the queue' }),
        },
        { additionalProperties: false, description: 'Who holds the draft now (status claimed)' },
      ),
    ),
    decision: Type.Optional(ReviewDecision),
  },
  { title: 'Review', additionalProperties: false, description: 'A draft in (or through) the review queue' },
);
export type ReviewItem = Static<typeof ReviewItem>;

export const Lease = Type.Object(
  {
    token: Type.String({ description: 'Proof of the claim: send it to approve, reject or release the draft' }),
    agent: AgentName,
    expiresAt: Type.String({ format: 'date-time', description: 'Claim again with the token before this to keep the draft' }),
  },
  { title: 'Lease', additionalProperties: false },
);
export type Lease = Static<typeof Lease>;
