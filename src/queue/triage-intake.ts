/**
 * The producer side of async triage: scores a mail for its routing priority, enqueues it with a
 * deterministic id when the client gave an Idempotency-Key or the mail a Message-ID, and reads
 * jobs back, lists failed ones and retries them.
 */
import type { Job, JobState, Queue } from 'bullmq';
import { Type, type Static } from 'typebox';
import type { MailText } from '../analysis/analyze.js';
import type { Drafting } from '../drafting/drafting.js';
import { Priority, route } from '../drafting/routing.js';
import { TriageResult } from '../drafting/triage-schema.js';
import type { MailMeasure, TriageRequest } from '../drafting/triage.js';
import type { QueueClock } from './clock.js';
import { QueueError } from './errors.js';
import { countJobs, listJobs } from './job-listing.js';
import { readJobSnapshot, type ReadState } from './job-snapshot.js';
import { PRIORITY_RANK } from './priority.js';
import type { JobIds } from './tenants.js';
import { TRIAGE_JOB, type TriageJobData, type TriageJobResult } from './jobs/triage.js';

export const TriageJobState = Type.Union(
  [Type.Literal('queued'), Type.Literal('active'), Type.Literal('retrying'), Type.Literal('completed'), Type.Literal('failed')],
  {
    title: 'TriageJobState',
    description:
      'queued: waiting for a worker (higher priority first); active: being drafted; retrying: failed, waiting for its next attempt ' +
      '(exponential backoff); completed: drafted, result present and the draft is in the review queue; failed: out of attempts',
  },
);
export type TriageJobState = Static<typeof TriageJobState>;

export const TriageJobId = Type.String({
  title: 'TriageJobId',
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9._-]+$',
  description:
    "The tenant's tag, then key-… (from an Idempotency-Key), msg-… (the mail's Message-ID), hook-… (a webhook's message) or job-… (random); " +
    "derived ids are HMACs with the server's ID_SECRET, so nobody can compute another's",
  examples: ['t5d2c1f0a9b8e-key-9f86d081884c7d659a2feaa0c55ad015'],
});

export const TriageJobSummary = Type.Object(
  {
    id: TriageJobId,
    state: TriageJobState,
    priority: Priority,
    attemptsMade: Type.Integer({ minimum: 0, description: 'Attempts that failed or finished so far' }),
    createdAt: Type.String({ format: 'date-time', description: 'When the job was accepted' }),
    startedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When a worker last started it' })),
    finishedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it completed or finally failed' })),
    failedReason: Type.Optional(Type.String({ description: 'The last error (failed or retrying)' })),
    receivedAt: Type.String({ format: 'date-time', description: 'When the mail arrived; replyBy counts from it' }),
    caseId: Type.Optional(Type.String()),
    messageId: Type.Optional(Type.String()),
    mail: Type.Object(
      {
        bodyLength: Type.Integer({ description: 'Characters of body text scored' }),
        subjectLength: Type.Integer(),
        sha256: Type.String({ description: 'First 16 hex digits of the SHA-256 of subject and body (the job never logs the text)' }),
      },
      { additionalProperties: false, description: 'What the job says about the mail outside its data' },
    ),
    reviewId: Type.Optional(Type.String({ description: 'completed: the id of the draft in the review queue' })),
  },
  { title: 'TriageJobSummary', additionalProperties: false, description: 'A triage job without its result (GET the job for that)' },
);
export type TriageJobSummary = Static<typeof TriageJobSummary>;

export const TriageJob = Type.Object(
  {
    ...TriageJobSummary.properties,
    result: Type.Optional({ ...TriageResult, description: 'completed: the triage result, the same as a synchronous triage' }),
  },
  { title: 'TriageJob', additionalProperties: false },
);
export type TriageJob = Static<typeof TriageJob>;

export interface TriageIntakeDeps {
  /** The mail's tone and scenarios from the analysis pool (or inline); throws a not-ready problem while the tokenizer loads. */
  measure: (mail: MailText) => Promise<MailMeasure>;
  drafting: Drafting;
  clock: QueueClock;
  ids: JobIds;
  /** Called when a mail arrives for a tenant's case: the customer replied, so reminders are off. */
  onCaseReply?: (tenant: string, caseId: string) => Promise<unknown>;
}

export interface TriageSubmission {
  mail: MailText;
  /** Length and hash of the mail (mail/mail-fingerprint.ts): what logs and the idempotency check see. */
  fingerprint: TriageJobData['mail'];
  context: Omit<TriageRequest, keyof MailText>;
  /** Whose job it is: its id, its idempotency and its case belong to this tenant. */
  tenant: string;
  /** A client's Idempotency-Key. */
  idempotencyKey?: string;
  /** An integration's key for one helpdesk message: a namespace of its own, which no client key can enter. */
  integrationKey?: string;
  messageId?: string;
  caseId?: string;
}

const STATES: Record<TriageJobState, JobState[]> = {
  queued: ['waiting', 'prioritized'],
  active: ['active'],
  retrying: ['delayed'],
  completed: ['completed'],
  failed: ['failed'],
};

/** The same tenant and key (or Message-ID, or helpdesk message) always give the same job id; none of them, a fresh one. */
export async function triageJobId(
  ids: JobIds,
  submission: Pick<TriageSubmission, 'tenant' | 'idempotencyKey' | 'integrationKey' | 'messageId'>,
): Promise<string> {
  const { tenant, idempotencyKey, integrationKey, messageId } = submission;
  if (integrationKey) return ids.derived(tenant, 'hook', integrationKey);
  if (idempotencyKey) return ids.derived(tenant, 'key', idempotencyKey);
  if (messageId) return ids.derived(tenant, 'msg', messageId.trim());
  return ids.random(tenant, 'job');
}

export class TriageIntake {
  constructor(
    private readonly queue: Queue<TriageJobData, TriageJobResult>,
    private readonly deps: TriageIntakeDeps,
  ) {}

  async enqueue(submission: TriageSubmission): Promise<{ job: TriageJobSummary; created: boolean }> {
    const { mail, fingerprint, context, caseId, messageId, tenant } = submission;
    const id = await triageJobId(this.deps.ids, submission);
    const existing = await readJobSnapshot(this.queue, id);
    if (existing) {
      if (existing.job.data.mail.sha256 !== fingerprint.sha256) {
        throw new QueueError(
          'idempotency-conflict',
          `Job ${id} was created from a different mail; use a new Idempotency-Key for a new mail.`,
        );
      }
      return { job: summary(triageJobOf(existing)), created: false };
    }
    const receivedAt = context.receivedAt ?? this.deps.clock.now().toISOString();
    const { manual } = this.deps.drafting;
    // The priority must be known before a worker picks the job, so intake measures the mail; the job
    // carries the measure, so the draft does not read the mail again (unless the dictionaries change).
    const { tone, scenario } = await this.deps.measure(mail);
    const { priority } = route(tone, new Date(receivedAt), manual.calendar, manual.routing);
    if (caseId) await this.deps.onCaseReply?.(tenant, caseId);
    const data: TriageJobData = {
      request: { ...mail, ...context, receivedAt },
      priority,
      measured: { tone, scenario },
      mail: fingerprint,
      ...(caseId ? { caseId } : {}),
      ...(messageId ? { messageId } : {}),
    };
    const job = await this.queue.add(TRIAGE_JOB, data, { jobId: id, priority: PRIORITY_RANK[priority] });
    return { job: toTriageJob(job, 'queued'), created: true };
  }

  /** The job as one snapshot: `completed` always with its result and reviewId, `failed` with its reason. */
  async get(id: string): Promise<TriageJob | undefined> {
    const snapshot = await readJobSnapshot(this.queue, id);
    return snapshot ? triageJobOf(snapshot) : undefined;
  }

  /** Newest first, without results (GET the job for its result); one tenant's when `tag` is given. */
  async list(state: TriageJobState, limit: number, tag?: string): Promise<TriageJobSummary[]> {
    const jobs = await listJobs<Job<TriageJobData, TriageJobResult>>(this.queue, STATES[state], limit, tag);
    return jobs.map((job) => summary(toTriageJob(job, state)));
  }

  async count(tag?: string): Promise<Record<TriageJobState, number>> {
    return countJobs(this.queue, STATES, tag);
  }

  /** Puts a failed job back in the queue with fresh attempts. */
  async retry(id: string): Promise<TriageJobSummary> {
    const snapshot = await readJobSnapshot(this.queue, id);
    if (!snapshot) throw new QueueError('not-found', `No triage job ${id}.`);
    const current = triageJobOf(snapshot);
    if (current.state !== 'failed')
      throw new QueueError('job-not-failed', `Job ${id} is ${current.state}; only failed jobs can be retried.`);
    // BullMQ moves the job only if it is still in the failed set, so two concurrent retries never queue it twice.
    await snapshot.job.retry('failed');
    return summary((await this.get(id)) ?? current);
  }
}

function summary({ result: _result, ...rest }: TriageJob): TriageJobSummary {
  return rest;
}

function triageJobOf({ job, state }: { job: Job<TriageJobData, TriageJobResult>; state: ReadState }): TriageJob {
  return toTriageJob(job, stateOf(state, job));
}

function stateOf(state: ReadState, job: Job): TriageJobState {
  if (state === 'delayed') return job.attemptsMade > 0 ? 'retrying' : 'queued';
  const found = (Object.keys(STATES) as TriageJobState[]).find((s) => STATES[s].includes(state as JobState));
  return found ?? 'queued';
}

function toTriageJob(job: Job<TriageJobData, TriageJobResult>, state: TriageJobState): TriageJob {
  const { data } = job;
  const iso = (ms?: number) => (ms ? new Date(ms).toISOString() : undefined);
  const view: TriageJob = {
    id: job.id!,
    state,
    priority: data.priority,
    attemptsMade: job.attemptsMade,
    createdAt: iso(job.timestamp)!,
    receivedAt: data.request.receivedAt,
    mail: data.mail,
  };
  if (job.processedOn) view.startedAt = iso(job.processedOn);
  if (job.finishedOn && (state === 'completed' || state === 'failed')) view.finishedAt = iso(job.finishedOn);
  if (job.failedReason && (state === 'failed' || state === 'retrying')) view.failedReason = job.failedReason;
  if (data.caseId) view.caseId = data.caseId;
  if (data.messageId) view.messageId = data.messageId;
  if (state === 'completed' && job.returnvalue) {
    view.result = job.returnvalue;
    view.reviewId = job.id!;
  }
  return view;
}
