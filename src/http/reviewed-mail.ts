/**
 * The customer's mail behind a draft in the review queue, with ondo's reading of it: read from the
 * triage job that drafted it (kept for JOB_RETENTION_SECONDS), never from the review item, which
 * holds only the draft. Review decisions (their corrections) and the review inbox page both use it.
 */
import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { ScenarioResult } from '../analysis/scenario-schema.js';
import { ToneResult } from '../analysis/tone-schema.js';
import { readJobSnapshot } from '../queue/job-snapshot.js';

export const ReviewedMail = Type.Object(
  {
    subject: Type.Optional(Type.String({ description: 'The subject as scored' })),
    body: Type.String({
      description: 'The body as scored (a raw mail decoded, quotes and signature stripped): evidence offsets point into it',
    }),
    tone: ToneResult,
    scenario: ScenarioResult,
  },
  {
    title: 'ReviewedMail',
    additionalProperties: false,
    description: "The customer's mail behind a triage draft, with the tone (evidence in place) and scenarios ondo read in it",
  },
);
export type ReviewedMail = Static<typeof ReviewedMail>;

/** The mail and ondo's answer, only from a triage job that finished with its result; undefined for a follow-up draft or an expired job. */
export async function readReviewedMail(app: FastifyInstance, reviewId: string): Promise<ReviewedMail | undefined> {
  // One snapshot: state, then fields (a job read mid-retry claims no result).
  const snapshot = await readJobSnapshot(app.queue.queues.triage, reviewId);
  const job = snapshot?.state === 'completed' ? snapshot.job : undefined;
  const mail = job?.data?.request;
  const answer = job?.returnvalue;
  if (!mail || typeof mail.body !== 'string' || !answer?.tone || !answer.scenario) return undefined;
  return { ...(mail.subject ? { subject: mail.subject } : {}), body: mail.body, tone: answer.tone, scenario: answer.scenario };
}
