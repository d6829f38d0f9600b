/** Starts the real API (src/server.ts, or dist/server.js) as a child process on a free loopback port and waits for /readyz. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { deleteRedisPrefix } from './redis-prefix.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** What the server wrote to stderr so far (start-up errors, warn-level logs). */
  stderr(): string;
  /** Kills the process if it is still running, then deletes the Redis keys of a prefix this helper chose. */
  stop(): Promise<void>;
}

export interface StartApiOptions {
  /** Extra environment (ANALYSIS_THREADS, …); the defaults lift the per-IP rate limit and keep logs at warn. */
  env?: Record<string, string>;
  /** Run the built dist/server.js with node instead of src/server.ts through tsx. */
  built?: boolean;
  readyTimeoutMs?: number;
  /** Where the process runs (default: the repository); with `built`, the folder holding dist/. */
  cwd?: string;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export async function startApi({
  env = {},
  built = false,
  readyTimeoutMs = 60_000,
  cwd = ROOT,
}: StartApiOptions = {}): Promise<ApiProcess> {
  const port = await freePort();
  const ownPrefix = env.QUEUE_PREFIX === undefined ? `{test-api-${process.pid}-${port}}` : undefined;
  const args = built ? ['dist/server.js'] : ['--import', 'tsx', 'src/server.ts'];
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      API_KEYS: '',
      RATE_LIMIT_PER_IP: '1000000',
      RATE_LIMIT_PER_KEY: '1000000',
      // Rate-limit counters live in Redis under the prefix: a test's hundreds of requests must not
      // count against the default `ondo` namespace a developer's `npm start` uses next.
      ...(ownPrefix ? { QUEUE_PREFIX: ownPrefix } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const api: ApiProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      // Without Redis the process could not have written anything either.
      if (ownPrefix) await deleteRedisPrefix(env.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', ownPrefix).catch(() => {});
    },
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) before it was ready:\n${stderr}`);
    const status = await fetch(`${api.url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return api;
    if (Date.now() > deadline) {
      await api.stop();
      throw new Error(`the API was not ready within ${readyTimeoutMs} ms:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
