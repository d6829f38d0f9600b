/**
 * One BullMQ job read as a consistent snapshot of its state and its fields. Reading the job and
 * then its state can pair a hash read while the job ran with the state written when it finished
 * ("completed" without its result); reading the state first and the fields after is safe for a
 * finished job, as long as nothing moved it back (a retry clears finishedOn) in between.
 */
import type { Job, JobState } from 'bullmq';

export type ReadState = JobState | 'unknown';

const FINAL: ReadonlySet<ReadState> = new Set(['completed', 'failed']);

/** How often a job that keeps moving between the two reads is read again before giving up on a final state. */
const READS = 3;

export function isFinalState(state: ReadState): boolean {
  return FINAL.has(state);
}

/** Whether a job's fields can belong to a job in this state: a finished job's hash always carries finishedOn. */
export function fieldsMatchState(job: Job, state: ReadState): boolean {
  return !isFinalState(state) || Boolean(job.finishedOn);
}

/** The job and its state, or undefined when there is no such job (never created, or removed). */
export async function readJobSnapshot<J extends Job>(
  queue: { getJobState(id: string): Promise<ReadState>; getJob(id: string): Promise<J | undefined> },
  id: string,
): Promise<{ job: J; state: ReadState } | undefined> {
  for (let read = 1; ; read++) {
    const state = await queue.getJobState(id);
    const job = await queue.getJob(id);
    if (!job) return undefined;
    if (fieldsMatchState(job, state)) return { job, state };
    // Retried between the two reads: its state now is whatever came after; 'unknown' claims no result.
    if (read === READS) return { job, state: 'unknown' };
  }
}

/** A listing's jobs whose fields still belong to the listed state (a job retried after it was listed is left out). */
export function stillInState<J extends Job>(jobs: readonly (J | undefined)[], state: ReadState): J[] {
  return jobs.filter((job): job is J => job !== undefined && fieldsMatchState(job, state));
}
