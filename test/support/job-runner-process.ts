/**
 * Starts the job runner (src/job-runner.ts through tsx, or dist/job-runner.js built, as `npm run worker` runs it) as a child
 * process, as the queue, reliability and scale tests and the queue benchmark run it. Imports nothing
 * of vitest, so the benchmark can use it too.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const JOB_RUNNER = fileURLToPath(new URL('../../src/job-runner.ts', import.meta.url));

export interface StartJobRunnerOptions {
  /** On top of this process's environment (REDIS_URL, QUEUE_PREFIX, …); WORKER_PORT defaults to 0 (a free port), LOG_LEVEL to info. */
  env?: NodeJS.ProcessEnv;
  /** Its stderr: shown with the test's output (the default), or piped for the test to read. */
  stderr?: 'inherit' | 'pipe';
  /** Run the built dist/job-runner.js of this folder with node instead of src/job-runner.ts through tsx. */
  builtIn?: string;
}

export interface JobRunnerProcess {
  child: ChildProcess;
  /** Its `worker ready` log line: `port` is where it serves /healthz and /metrics. Rejects if it exits first. */
  ready: Promise<Record<string, unknown>>;
}

/** The child is there at once (a test may read its log from the first line); `ready` resolves once it works on the queues. */
export function startJobRunner({ env = {}, stderr = 'inherit', builtIn }: StartJobRunnerOptions = {}): JobRunnerProcess {
  const child = fork(builtIn ? 'dist/job-runner.js' : JOB_RUNNER, [], {
    ...(builtIn ? { cwd: builtIn } : {}),
    env: { ...process.env, WORKER_PORT: '0', LOG_LEVEL: 'info', ...env },
    execArgv: builtIn ? [] : ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', stderr, 'ipc'],
  });
  return { child, ready: firstLogLine(child, (entry) => entry.msg === 'worker ready') };
}

/** A child process's pino log, line by line: resolves with the first entry the test accepts. */
export function firstLogLine(child: ChildProcess, test: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not a log line
      }
      if (test(entry)) resolve(entry);
    });
    child.once('exit', (code) => reject(new Error(`the process exited (${code}) before the log line`)));
  });
}
