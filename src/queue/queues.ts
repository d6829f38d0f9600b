/** The queues ondo runs, their names and default job options, shared by the API (producer) and the workers. */
import { Queue, type DefaultJobOptions } from 'bullmq';
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
