/**
 * A correction given with a review decision: the agent's label for the mail behind the draft,
 * stored like POST /v1/feedback's (masked, FEEDBACK_RETENTION_DAYS, the request's tenant). The
 * mail and ondo's answer come from the triage job that drafted it, so the client sends only the label.
 */
import { Type, type Static } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AgentLabel } from '../feedback/record.js';
import { mailFingerprint } from '../mail/mail-fingerprint.js';
import { readReviewedMail } from './reviewed-mail.js';

export const ReviewCorrection = Type.Object(
  {
    stored: Type.Boolean({ description: 'Whether the correction was kept for `ondo learn`' }),
    feedbackId: Type.Optional(Type.String({ description: 'The stored correction (GET /v1/feedback/{id})' })),
    reason: Type.Optional(
      Type.Union([Type.Literal('feedback-off'), Type.Literal('mail-unavailable')], {
        description:
          'Why nothing was stored: FEEDBACK is not on, or the mail is no longer held (a follow-up draft, or its job expired after JOB_RETENTION_SECONDS)',
      }),
    ),
  },
  { title: 'ReviewCorrection', additionalProperties: false, description: 'Present when the decision carried a correction' },
);
export type ReviewCorrection = Static<typeof ReviewCorrection>;

export const CorrectionField = {
  correction: Type.Optional({
    ...AgentLabel,
    description:
      'What the mail really was, when ondo read it wrong (level, polite-but-annoyed, scenario): stored as a correction with FEEDBACK=on',
  }),
};

/** Stores the correction after the decision; never fails the decision itself. */
export async function storeReviewCorrection(
  app: FastifyInstance,
  request: FastifyRequest,
  reviewId: string,
  label: AgentLabel,
): Promise<ReviewCorrection> {
  if (!app.feedback.enabled) return { stored: false, reason: 'feedback-off' };
  const reviewed = await readReviewedMail(app, reviewId);
  if (!reviewed) return { stored: false, reason: 'mail-unavailable' };
  const { tone, scenario } = reviewed;
  const text = { ...(reviewed.subject ? { subject: reviewed.subject } : {}), body: reviewed.body };
  const ondo = {
    level: tone.level,
    politeButAnnoyed: tone.politeButAnnoyed,
    scenario: scenario.primary,
    dictionaryVersion: tone.dictionaryVersion,
  };
  const record = await app.feedback.use(request, (store, tenant) =>
    store.add(tenant, { source: 'review', mail: text, ondo, agent: label, reviewId }),
  );
  request.log.info(
    { feedbackId: record.id, reviewId, mail: mailFingerprint(text), ondoLevel: ondo.level, agentLevel: label.level, masked: record.masked },
    'correction stored',
  );
  return { stored: true, feedbackId: record.id };
}
