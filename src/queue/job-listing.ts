/**
 * Listing and counting BullMQ jobs by state, for every tenant or for one: a tenant's jobs are
 * found by the tag their ids start with (queue/tenants.ts), reading ids only, so a listing never
 * loads another tenant's job.
 */
import type { Job, JobState, Queue } from 'bullmq';
import { stillInState } from './job-snapshot.js';

/** Newest first: at most `limit` jobs in `states` (the first a state of BullMQ's, final or not), of one tenant when `tag` is given. */
export async function listJobs<J extends Job>(queue: Queue, states: JobState[], limit: number, tag?: string): Promise<J[]> {
  let jobs: (J | undefined)[];
  if (tag === undefined) {
    jobs = (await queue.getJobs(states, 0, limit - 1, false)) as J[];
  } else {
    const ids = (await queue.getRanges(states, 0, -1, false)).filter((id) => id.startsWith(`${tag}-`)).slice(0, limit);
    jobs = (await Promise.all(ids.map((id) => queue.getJob(id)))) as (J | undefined)[];
  }
  return stillInState(jobs, states[0]!);
}

/** How many jobs are in each of the caller's states (each a list of BullMQ states), of one tenant when `tag` is given. */
export async function countJobs<S extends string>(queue: Queue, states: Record<S, JobState[]>, tag?: string): Promise<Record<S, number>> {
  const entries = Object.entries(states) as [S, JobState[]][];
  if (tag === undefined) {
    const counts = await queue.getJobCounts(...entries.flatMap(([, s]) => s));
    return Object.fromEntries(entries.map(([state, s]) => [state, s.reduce((n, one) => n + (counts[one] ?? 0), 0)])) as Record<S, number>;
  }
  const counted = await Promise.all(
    entries.map(async ([state, s]) => [state, (await queue.getRanges(s, 0, -1)).filter((id) => id.startsWith(`${tag}-`)).length] as const),
  );
  return Object.fromEntries(counted) as Record<S, number>;
}
