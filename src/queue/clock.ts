/**
 * The queues' sense of time: what "now" is, and how long a job due at a business-calendar time
 * waits. Production runs at scale 1; tests run at e.g. 0.000001, so a week passes in 0.6 s while
 * the drafts still speak of the real dates.
 */
export interface QueueClock {
  now(): Date;
  /** Milliseconds from now until `at`, scaled; 0 for a time already past. */
  delayUntil(at: Date): number;
}

export function createQueueClock(timeScale = 1, now: () => Date = () => new Date()): QueueClock {
  return {
    now,
    delayUntil: (at) => Math.max(0, Math.round((at.getTime() - now().getTime()) * timeScale)),
  };
}
