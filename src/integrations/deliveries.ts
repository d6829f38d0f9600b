/**
 * The delivery queue as the API sees it: add a delivery job, read one, list them by state (the
 * failed ones are the dead letters, kept with their error) and replay a dead letter.
 */
import type { DefaultJobOptions, Job, JobState, Queue } from 'bullmq';
import { Type, type Static } from 'typebox';
import { countJobs, listJobs } from '../queue/job-listing.js';
import { readJobSnapshot, type ReadState } from '../queue/job-snapshot.js';
import { DELIVER_NOTE_JOB, type DeliverNoteJobData, type DeliverNoteJobResult } from './deliver-note-job.js';
import { DeliveryNotFailed } from './errors.js';

export const DeliveryState = Type.Union(
  [Type.Literal('waiting'), Type.Literal('active'), Type.Literal('delayed'), Type.Literal('completed'), Type.Literal('failed')],
  {
    title: 'DeliveryState',
    description:
      'waiting: queued; active: being delivered; delayed: waiting for triage, a Retry-After or a backoff; completed: the note is in the ticket; ' +
      'failed: dead letter (out of attempts, or a permanent error such as 401/404/422 from the helpdesk) — replayable',
  },
);
export type DeliveryState = Static<typeof DeliveryState>;

export const DeliveryJobId = Type.String({
  title: 'DeliveryId',
  pattern: '^t[0-9a-f]{12}-note-[0-9a-f]{32}$',
  description: "The delivery job id (from the webhook answer): the integration's tenant tag and an HMAC of the message",
  examples: ['t5d2c1f0a9b8e-note-3f2a9c0d1e4b5a67c0ffee3f2a9c0d1e'],
});

export const DeliveryJob = Type.Object(
  {
    id: DeliveryJobId,
    state: DeliveryState,
    provider: Type.String({ examples: ['zendesk'] }),
    integrationId: Type.String({ examples: ['acme'] }),
    ticketId: Type.String({ examples: ['123'] }),
    triageJobId: Type.Optional(Type.String({ description: 'The triage job drafting this message (GET /v1/triage/jobs/{id})' })),
    attemptsMade: Type.Integer({ minimum: 0, description: 'Failed attempts so far (a 429 Retry-After wait is not one)' }),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
    failedReason: Type.Optional(Type.String({ description: 'The last error' })),
    noteId: Type.Optional(Type.String({ description: "completed: the helpdesk's note (comment) id" })),
    posted: Type.Optional(
      Type.Boolean({ description: 'completed: false when the note had been posted already (found by its reference id)' }),
    ),
  },
  { title: 'Delivery', additionalProperties: false },
);
export type DeliveryJob = Static<typeof DeliveryJob>;

const STATES: Record<DeliveryState, JobState[]> = {
  waiting: ['waiting', 'prioritized'],
  active: ['active'],
  delayed: ['delayed', 'waiting-children'],
  completed: ['completed'],
  failed: ['failed'],
};

/** Exponential backoff with jitter (so a helpdesk outage does not end in a thundering herd); dead letters kept for the retention period. */
export function deliveryJobOptions(settings: { attempts: number; backoffMs: number; retentionSeconds: number }): DefaultJobOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs, jitter: 0.5 },
    removeOnComplete: { age: settings.retentionSeconds },
    removeOnFail: { age: settings.retentionSeconds },
  };
}

export class DeliveryQueue {
  constructor(readonly queue: Queue<DeliverNoteJobData, DeliverNoteJobResult>) {}

  /** Adds the job unless one with this id exists (BullMQ ignores a duplicate id). */
  async add(id: string, data: DeliverNoteJobData, delayMs: number): Promise<{ created: boolean }> {
    if (await readJobSnapshot(this.queue, id)) return { created: false };
    await this.queue.add(DELIVER_NOTE_JOB, data, { jobId: id, delay: delayMs });
    return { created: true };
  }

  async get(id: string): Promise<DeliveryJob | undefined> {
    const snapshot = await readJobSnapshot(this.queue, id);
    return snapshot ? toDeliveryJob(snapshot.job, stateOf(snapshot.state)) : undefined;
  }

  /** Newest first; one tenant's when `tag` is given. */
  async list(state: DeliveryState, limit: number, tag?: string): Promise<DeliveryJob[]> {
    const jobs = await listJobs<Job<DeliverNoteJobData, DeliverNoteJobResult>>(this.queue, STATES[state], limit, tag);
    return jobs.map((job) => toDeliveryJob(job, state));
  }

  async count(tag?: string): Promise<Record<DeliveryState, number>> {
    return countJobs(this.queue, STATES, tag);
  }

  /** Puts a dead letter back with fresh attempts; the note ledger still prevents a second note. */
  async replay(id: string): Promise<DeliveryJob | undefined> {
    const snapshot = await readJobSnapshot(this.queue, id);
    if (!snapshot) return undefined;
    const { job, state } = snapshot;
    if (state !== 'failed') throw new DeliveryNotFailed(`delivery ${id} is ${stateOf(state)}; only failed deliveries can be replayed`);
    await job.retry('failed');
    return this.get(id);
  }
}

function stateOf(state: ReadState): DeliveryState {
  const found = (Object.keys(STATES) as DeliveryState[]).find((s) => STATES[s].includes(state as JobState));
  return found ?? 'waiting';
}

function toDeliveryJob(job: Job<DeliverNoteJobData, DeliverNoteJobResult>, state: DeliveryState): DeliveryJob {
  const iso = (ms?: number) => (ms ? new Date(ms).toISOString() : undefined);
  const view: DeliveryJob = {
    id: job.id!,
    state,
    provider: job.data.provider,
    integrationId: job.data.integrationId,
    ticketId: job.data.ticketId,
    attemptsMade: job.attemptsMade,
    createdAt: iso(job.timestamp)!,
  };
  if (job.data.triageJobId) view.triageJobId = job.data.triageJobId;
  if (job.finishedOn && (state === 'completed' || state === 'failed')) view.finishedAt = iso(job.finishedOn);
  if (job.failedReason && state !== 'completed') view.failedReason = job.failedReason;
  if (state === 'completed' && job.returnvalue) {
    view.noteId = job.returnvalue.noteId;
    view.posted = job.returnvalue.posted;
  }
  return view;
}
