/** The queues ondo runs, their names and default job options, shared by the API (producer) and the workers. */
import { Queue, type DefaultJobOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import type { RedisClient } from './connection.js';
import type { Config } from '../config.js';
import type { FollowUpJobData } from './jobs/followup.js';
import type { TriageJobData, TriageJobResult } from './jobs/triage.js';

/**
 * How often a job may be found with its worker gone before it is failed. Two, not BullMQ's one: a
 * worker killed mid-job followed by a Redis restart while the job runs again is two stalls of a
 * healthy job, and drafting and note delivery are idempotent in effect. A mail that kills every
 * worker that takes it still ends in the failed list after the third.
 */
export const MAX_STALLED_COUNT = 2;

export const QUEUE_NAMES = { triage: 'triage', followups: 'followups' } as const;

export interface QueueSettings {
  /** Key prefix of every BullMQ and review key. */
  prefix: string;
  attempts: number;
  backoffMs: number;
  retentionSeconds: number;
}

export function queueSettings(config: Config): QueueSettings {
  return {
    prefix: config.queuePrefix,
    attempts: config.jobAttempts,
    backoffMs: config.jobBackoffMs,
    retentionSeconds: config.jobRetentionSeconds,
  };
}

/**
 * Retries with exponential backoff; finished triage jobs stay for the retention period so an
 * idempotent retry of the same request finds them; failed jobs stay too, listable with their error.
 */
export function triageJobOptions(settings: QueueSettings): DefaultJobOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: { age: settings.retentionSeconds },
    removeOnFail: { age: settings.retentionSeconds },
  };
}

/** A follow-up's result is its draft in the review queue; the finished job itself is not needed. */
export function followUpJobOptions(settings: QueueSettings): DefaultJobOptions {
  return { ...triageJobOptions(settings), removeOnComplete: true };
}

export interface OndoQueues {
  triage: Queue<TriageJobData, TriageJobResult>;
  followups: Queue<FollowUpJobData>;
  close(): Promise<void>;
}

/** Producer-side queues over one shared connection (the caller owns and closes the connection). */
export function createQueues(connection: RedisClient, settings: QueueSettings, onError: (err: Error) => void): OndoQueues {
  const triage = new Queue<TriageJobData, TriageJobResult>(QUEUE_NAMES.triage, {
    connection,
    prefix: settings.prefix,
    defaultJobOptions: triageJobOptions(settings),
  });
  const followups = new Queue<FollowUpJobData>(QUEUE_NAMES.followups, {
    connection,
    prefix: settings.prefix,
    defaultJobOptions: followUpJobOptions(settings),
  });
  triage.on('error', onError);
  followups.on('error', onError);
  return {
    triage,
    followups,
    async close() {
      await Promise.allSettled([triage.close(), followups.close()]);
    },
  };
}

/** Deletes every key under the prefix (queues, reviews, follow-up plans): for tests and benchmarks, never production. */
export async function deleteQueuePrefix(redis: RedisClient, prefix: string): Promise<number> {
  // SCAN sees one node: on Redis Cluster every master is scanned, and keys are deleted one by one
  // (a prefix without a hash tag spreads its keys over slots, which one UNLINK cannot span).
  const cluster = redis instanceof Cluster;
  if (cluster) await redis.ping(); // answered once the client knows the cluster's nodes
  let deleted = 0;
  for (const node of cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      const unlinkEach = async () => (await Promise.all(keys.map((key) => redis.unlink(key)))).reduce((a, b) => a + b, 0);
      if (keys.length > 0) deleted += cluster ? await unlinkEach() : await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return deleted;
}
