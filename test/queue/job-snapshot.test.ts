/**
 * Every job read is one snapshot (queue/job-snapshot.ts): the state first, the fields after. A job
 * that finishes between two reads must never come back "completed" without its result. Real Redis:
 * a job is taken by hand (getNextJob) and completed exactly between the reader's two calls.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVER_NOTE_JOB, type DeliverNoteJobData, type DeliverNoteJobResult } from '../../src/integrations/deliver-note-job.js';
import { DeliveryQueue } from '../../src/integrations/deliveries.js';
import { bullConnection } from '../../src/queue/connection.js';
import { readJobSnapshot, type ReadState } from '../../src/queue/job-snapshot.js';
import { deleteRedisPrefix } from '../support/redis-prefix.js';
import { queueTestConfig } from './support.js';

const config = queueTestConfig('snapshot');
// The connection the job runner's workers use: options on one Redis, a Cluster client on a cluster.
const connection = bullConnection(config, 'worker', 'test-job-snapshot');
const NAME = 'snapshots';
let queue: Queue<DeliverNoteJobData, DeliverNoteJobResult>;
let worker: Worker;

beforeAll(() => {
  queue = new Queue(NAME, { connection: connection.connection, prefix: config.queuePrefix });
  // No processor: jobs are taken and finished by hand, at the moment the test chooses.
  worker = new Worker(NAME, null, { connection: connection.connection, prefix: config.queuePrefix, autorun: false });
});

afterAll(async () => {
  await worker.close();
  await queue.close();
  await connection.close();
  await deleteRedisPrefix(config.redisUrl, config.queuePrefix);
});

type JobReads = Pick<Queue<DeliverNoteJobData, DeliverNoteJobResult>, 'getJob' | 'getJobState'>;

/** The queue as a reader sees it, with `between` run once right after the reader's first call returns. */
function interleaved(between: () => Promise<void>): JobReads & Queue<DeliverNoteJobData, DeliverNoteJobResult> {
  let first = true;
  const after = async <T>(read: Promise<T>): Promise<T> => {
    const value = await read;
    if (first) {
      first = false;
      await between();
    }
    return value;
  };
  return new Proxy(queue, {
    get(target, property, receiver) {
      if (property === 'getJob') return (id: string) => after(target.getJob(id));
      if (property === 'getJobState') return (id: string) => after(target.getJobState(id));
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** A delivery job, active under this test's token, and the call that completes it with a note. */
async function activeJob(): Promise<{ id: string; complete: () => Promise<void> }> {
  const data: DeliverNoteJobData = {
    provider: 'zendesk',
    integrationId: 'acme',
    ticketId: '123',
    messageKey: 'comment-1',
    triageJobId: 'triage-1',
    receivedAt: new Date().toISOString(),
    acceptedAt: new Date().toISOString(),
  };
  const added = await queue.add(DELIVER_NOTE_JOB, data);
  const token = `test-${added.id}`;
  const job = (await worker.getNextJob(token)) as Job<DeliverNoteJobData, DeliverNoteJobResult>;
  expect(job.id).toBe(added.id);
  const result: DeliverNoteJobResult = { noteId: 'note-9', ticketId: '123', triageJobId: 'triage-1', posted: true, marker: 'm' };
  return { id: job.id!, complete: async () => void (await job.moveToCompleted(result, token, false)) };
}

/** The read the snapshot replaced: the job's fields, then its state. */
async function fieldsThenState(reads: JobReads, id: string): Promise<{ job: Job; state: ReadState } | undefined> {
  const job = await reads.getJob(id);
  return job ? { job, state: await job.getState() } : undefined;
}

describe('a job completing between the two reads', () => {
  it('torn by reading the fields first: completed without its result (the hazard is real)', async () => {
    const { id, complete } = await activeJob();
    const read = await fieldsThenState(interleaved(complete), id);
    expect(read?.state).toBe('completed');
    expect(read?.job.returnvalue ?? undefined).toBeUndefined();
  });

  it('readJobSnapshot pairs the state with fields of that state', async () => {
    const { id, complete } = await activeJob();
    const snapshot = await readJobSnapshot(interleaved(complete), id);
    expect(snapshot?.state).toBe('active');
    const again = await readJobSnapshot(queue, id);
    expect(again?.state).toBe('completed');
    expect(again?.job.returnvalue?.noteId).toBe('note-9');
  });

  it('GET /v1/deliveries/{id} never says completed without the note id', async () => {
    const { id, complete } = await activeJob();
    const view = await new DeliveryQueue(interleaved(complete)).get(id);
    expect(view?.state === 'completed' ? view.noteId : 'not completed').toBeDefined();
    expect((await new DeliveryQueue(queue).get(id))?.noteId).toBe('note-9');
  });
});

describe('job reads in src/', () => {
  it('go through readJobSnapshot: no job.getState(), no getJob() outside job-snapshot.ts and the listing', () => {
    const root = join(import.meta.dirname, '../../src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const allowed = new Set(['queue/job-snapshot.ts', 'queue/job-listing.ts']);
    const offenders = files
      .filter((file) => !allowed.has(relative(root, join(root, file))))
      .filter((file) => /\.getState\(|\.getJob\(/.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
