/**
 * The deliver-note job: waits for the message's triage job, then posts the draft to the ticket as
 * a private note (or a signed callback), exactly once per (integration, ticket, message).
 * 5xx and network errors retry with exponential backoff and jitter; a 429 waits its Retry-After
 * without using an attempt; other 4xx fail at once into the dead letters (the failed set).
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { MailText } from '../analysis/analyze.js';
import type { TriageResult } from '../drafting/triage-schema.js';
import { messageIdempotencyKey } from './inbound.js';
import { NoteLedger } from './ledger.js';
import { formatDraftNote } from './note.js';
import { integrationTenant, type Integration, type Provider } from '../config/integrations.js';
import type { FetchedMailSource, NoteContext, NoteSink } from './sink.js';
import { AnalysisBudgetError } from '../analysis-pool/analysis-pool.js';
import { MailDecodeError, MailTooLargeError } from '../mail/index.js';
import { OutboundError } from './errors.js';

export const DELIVER_NOTE_JOB = 'deliver-note';
export const DELIVERIES_QUEUE = 'deliveries';

export interface DeliverNoteJobData {
  provider: Provider;
  integrationId: string;
  ticketId: string;
  messageKey: string;
  /** Absent until the worker has read the message from the helpdesk (Zendesk fetchComment). */
  triageJobId?: string;
  receivedAt: string;
  acceptedAt: string;
}

export interface DeliverNoteJobResult {
  noteId: string;
  ticketId: string;
  triageJobId: string;
  /** false when the note was found already posted (a retry after a crash, a replay). */
  posted: boolean;
  marker: string;
}

export type TriageStatus =
  { state: 'completed'; result: TriageResult } | { state: 'failed'; reason: string } | { state: 'pending' } | { state: 'missing' };

/** How the delivery job sees triage: the queue layer's intake, or a stub in tests. */
export interface TriageLookup {
  status(jobId: string): Promise<TriageStatus>;
  /** Queues a fetched message for triage as the integration's tenant; returns the triage job id. */
  enqueue?(request: { tenant: string; mail: MailText; integrationKey: string; receivedAt: string }): Promise<string>;
}

export interface DeliverNoteDeps {
  integration(provider: string, id: string): Integration | undefined;
  sinkFor(integration: Integration): NoteSink;
  ledger: NoteLedger;
  triage: TriageLookup;
  /** First gap between looks at a pending triage job; gaps grow with the job's age, up to 30 s. */
  pollMs: number;
  now(): Date;
  /**
   * Reads a comment the worker fetched (Zendesk fetchComment): its size checked against
   * MAX_BODY_BYTES first, then converted and cleaned in the analysis pool under the reading budget.
   */
  readMail?: (source: FetchedMailSource) => Promise<MailText>;
  /** Tests: runs after the helpdesk accepted the note and before it is recorded. */
  afterPost?: (job: Job<DeliverNoteJobData>) => Promise<void>;
}

/**
 * A comment ondo can never triage (over the size limit, unreadable, over a time budget) fails the
 * delivery at once, with the reason: another attempt would read the same comment the same way.
 */
async function unlessUntriageable<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof MailTooLargeError || err instanceof MailDecodeError || err instanceof AnalysisBudgetError) {
      const setting = err instanceof MailTooLargeError ? ` (${err.limit === 'html' ? 'HTML: 10 × ' : ''}MAX_BODY_BYTES)` : '';
      throw Object.assign(new UnrecoverableError(`the comment cannot be triaged: ${err.message}${setting}`), { cause: err });
    }
    throw err;
  }
}

export function deliverNoteProcessor(deps: DeliverNoteDeps) {
  return async (job: Job<DeliverNoteJobData, DeliverNoteJobResult>, token?: string): Promise<DeliverNoteJobResult> => {
    const data = job.data;
    const integration = data ? deps.integration(data.provider, data.integrationId) : undefined;
    if (!integration) throw new UnrecoverableError(`no integration ${data?.provider}/${data?.integrationId} is configured`);
    const sink = deps.sinkFor(integration);
    try {
      let { triageJobId, messageKey } = data;
      if (!triageJobId) {
        const { readMail } = deps;
        const { enqueue } = deps.triage;
        if (!sink.fetchMessage || !enqueue || !readMail)
          throw new UnrecoverableError('the message was not sent and cannot be read from the helpdesk');
        const fetched = await sink.fetchMessage({ deliveryId: job.id!, integration, ticketId: data.ticketId });
        messageKey = fetched.messageKey;
        const mail = await unlessUntriageable(() => readMail(fetched.source));
        triageJobId = await unlessUntriageable(() =>
          enqueue({
            tenant: integrationTenant(integration),
            mail,
            integrationKey: messageIdempotencyKey(integration, data.ticketId, messageKey),
            receivedAt: data.receivedAt,
          }),
        );
        await job.updateData({ ...data, messageKey, triageJobId });
      }

      const status = await deps.triage.status(triageJobId);
      if (status.state === 'failed') throw new UnrecoverableError(`triage job ${triageJobId} failed: ${status.reason}`);
      if (status.state === 'missing') throw new UnrecoverableError(`triage job ${triageJobId} no longer exists`);
      if (status.state === 'pending') {
        // Waiting for triage is not a failure: no attempt is used.
        await job.moveToDelayed(Date.now() + pollDelay(job, deps.pollMs), token);
        throw new DelayedError();
      }

      const context: NoteContext = { deliveryId: job.id!, integration, ticketId: data.ticketId, messageKey };
      const marker = NoteLedger.marker(`${integration.provider}/${integration.id}`, data.ticketId, messageKey);
      const separateUpdate = sink.updateTicket !== undefined;
      const record = await deps.ledger.get(marker);
      let noteId = record?.state === 'posted' ? record.noteId : undefined;
      let ticketUpdated = record?.ticketUpdated ?? false;
      let posted = false;
      if (!noteId && record?.state === 'posting') {
        // A previous attempt started posting and died before recording: the note may be there already.
        noteId = await sink.findNote(context, marker);
        if (noteId) {
          ticketUpdated = !separateUpdate;
          await deps.ledger.posted(marker, noteId, deps.now(), ticketUpdated);
        }
      }
      if (!noteId) {
        await deps.ledger.posting(marker, deps.now());
        const note = await sink.postNote(context, formatDraftNote(status.result, marker), status.result);
        await deps.afterPost?.(job);
        ({ noteId, ticketUpdated } = note);
        posted = true;
        await deps.ledger.posted(marker, noteId, deps.now(), ticketUpdated);
      }
      if (!ticketUpdated && sink.updateTicket) {
        await sink.updateTicket(context, status.result);
        await deps.ledger.ticketUpdated(marker);
      }
      return { noteId, ticketId: data.ticketId, triageJobId, posted, marker };
    } catch (err) {
      if (!(err instanceof OutboundError)) throw err;
      if (err.kind === 'rate-limited') {
        await job.moveToDelayed(Date.now() + (err.retryAfterMs ?? 60_000), token);
        throw new DelayedError();
      }
      // BullMQ's own error classes take no options: the cause goes on by hand.
      if (err.kind === 'permanent') throw Object.assign(new UnrecoverableError(err.message), { cause: err });
      throw new Error(err.message, { cause: err });
    }
  };
}

/** Young jobs look often, old ones rarely: a quarter of the job's age, between pollMs and 30 s. */
function pollDelay(job: Job, pollMs: number): number {
  return Math.min(30_000, Math.max(pollMs, Math.round((Date.now() - job.timestamp) / 4)));
}
