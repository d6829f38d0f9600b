/**
 * A fixed set of worker threads that triage mails. Each worker loads its own engine once; a task
 * goes to the least busy worker, at most two at a time each, so no worker idles between messages.
 */
import { Worker } from 'node:worker_threads';
import type { BatchTask, TaskOutcome } from './task.js';

export interface WorkerData {
  dictionariesDir?: string;
  /** ISO time that replyBy counts from when a mail gives none: the batch's start, the same for every worker. */
  now: string;
}

/** What the workers loaded, for the report: the main thread does not load the dictionaries itself. */
export interface LoadedManual {
  dictionaryVersion: string;
  /** Japanese scenario names (the templates' label). */
  scenarioLabels: [string, string][];
}

export type WorkerMessage =
  ({ type: 'ready' } & LoadedManual) | { type: 'failed'; message: string } | { type: 'done'; outcome: TaskOutcome };

export interface TriagePool {
  readonly threads: number;
  /** Resolves once every worker has loaded its engine; rejects when one cannot (a broken dictionary). */
  readonly ready: Promise<LoadedManual>;
  /** The outcome, or undefined when the pool was terminated before the task finished. */
  run(task: BatchTask): Promise<TaskOutcome | undefined>;
  /** Lets queued and running tasks finish, then stops the workers. */
  close(): Promise<void>;
  /** Stops the workers now; unfinished tasks resolve to undefined. */
  terminate(): Promise<void>;
}

const MAX_IN_FLIGHT = 2;

interface Slot {
  worker: Worker;
  ready: boolean;
  alive: boolean;
  inFlight: Map<number, (outcome: TaskOutcome | undefined) => void>;
}

export function startTriagePool(options: { threads: number; dictionariesDir?: string; now: Date }): TriagePool {
  const data: WorkerData = {
    now: options.now.toISOString(),
    ...(options.dictionariesDir ? { dictionariesDir: options.dictionariesDir } : {}),
  };
  const queue: { task: BatchTask; resolve: (outcome: TaskOutcome | undefined) => void }[] = [];
  const idleWaiters: (() => void)[] = [];
  let readyCount = 0;
  let settleReady!: { resolve: (manual: LoadedManual) => void; reject: (error: Error) => void };
  const ready = new Promise<LoadedManual>((resolve, reject) => (settleReady = { resolve, reject }));
  ready.catch(() => {}); // the caller awaits it; an unobserved rejection must not crash the process first

  const slots: Slot[] = Array.from({ length: options.threads }, () => {
    const slot: Slot = { worker: spawnWorker(data), ready: false, alive: true, inFlight: new Map() };
    slot.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        if (++readyCount === slots.length)
          settleReady.resolve({ dictionaryVersion: message.dictionaryVersion, scenarioLabels: message.scenarioLabels });
        dispatch();
      } else if (message.type === 'failed') {
        settleReady.reject(new Error(`a batch worker could not start: ${message.message}`));
      } else {
        slot.inFlight.get(message.outcome.seq)?.(message.outcome);
        slot.inFlight.delete(message.outcome.seq);
        dispatch();
      }
    });
    slot.worker.on('error', (error) => lose(slot, `worker crashed: ${error.message}`));
    slot.worker.on('exit', () => lose(slot, 'worker exited'));
    return slot;
  });

  /** A dead worker's tasks are reported as failed rows; the run goes on with the others. */
  function lose(slot: Slot, reason: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    for (const [seq, resolve] of slot.inFlight) resolve({ seq, ok: false, reason });
    slot.inFlight.clear();
    if (!slot.ready) settleReady.reject(new Error(`a batch worker could not start: ${reason}`));
    if (!slots.some((s) => s.alive)) for (const queued of queue.splice(0)) queued.resolve({ seq: queued.task.seq, ok: false, reason });
    dispatch();
  }

  function dispatch(): void {
    while (queue.length > 0) {
      const slot = slots
        .filter((s) => s.alive && s.ready && s.inFlight.size < MAX_IN_FLIGHT)
        .sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
      if (!slot) break;
      const { task, resolve } = queue.shift()!;
      slot.inFlight.set(task.seq, resolve);
      if (task.kind === 'raw') {
        // A view into a larger buffer would clone all of it: send exactly the mail's bytes, moved, not copied.
        const bytes =
          task.bytes.byteOffset === 0 && task.bytes.byteLength === task.bytes.buffer.byteLength ? task.bytes : task.bytes.slice();
        slot.worker.postMessage({ ...task, bytes }, [bytes.buffer as ArrayBuffer]);
      } else {
        slot.worker.postMessage(task);
      }
    }
    if (queue.length === 0 && slots.every((s) => s.inFlight.size === 0)) for (const wake of idleWaiters.splice(0)) wake();
  }

  const terminate = async (): Promise<void> => {
    for (const queued of queue.splice(0)) queued.resolve(undefined);
    for (const slot of slots) {
      slot.alive = false;
      for (const resolve of slot.inFlight.values()) resolve(undefined);
      slot.inFlight.clear();
    }
    settleReady.reject(new Error('the batch was stopped before its workers were ready'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  };

  return {
    threads: options.threads,
    ready,
    run(task) {
      return new Promise((resolve) => {
        if (!slots.some((s) => s.alive)) return resolve({ seq: task.seq, ok: false, reason: 'no batch worker is running' });
        queue.push({ task, resolve });
        dispatch();
      });
    },
    async close() {
      if (queue.length > 0 || slots.some((s) => s.inFlight.size > 0)) await new Promise<void>((wake) => idleWaiters.push(wake));
      await terminate();
    },
    terminate,
  };
}

/**
 * The compiled worker.js from dist; under tsx or vitest the worker.ts beside this file, loaded
 * through tsx's loader, which a worker thread does not inherit from its parent.
 */
function spawnWorker(workerData: WorkerData): Worker {
  const isTypeScript = import.meta.url.endsWith('.ts');
  const url = new URL(isTypeScript ? './worker.ts' : './worker.js', import.meta.url);
  if (!isTypeScript) return new Worker(url, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
