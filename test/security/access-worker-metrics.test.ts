/**
 * Issue 19 row 12: /metrics can require a token — the job runner's too. The worker serves /metrics
 * on WORKER_PORT and HOST (0.0.0.0 in a container); with METRICS_TOKEN set it asks for the token as
 * the API does, so setting the token is not undone by a second, open /metrics beside it.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner, type JobRunnerProcess } from '../support/job-runner-process.js';

const token = 'worker-metrics-token-0123456789';
let runner: JobRunnerProcess;
let url: string;

beforeAll(async () => {
  runner = startJobRunner({
    env: {
      METRICS_TOKEN: token,
      QUEUE_PREFIX: `test-worker-metrics-${process.pid}-${Date.now().toString(36)}`,
      ANALYSIS_THREADS: '1', // one thread keeps the start short
      SHUTDOWN_TIMEOUT_MS: '2000',
    },
    stderr: 'pipe',
  });
  url = `http://127.0.0.1:${(await runner.ready).port as number}`;
}, 120_000);
afterAll(async () => {
  if (runner.child.exitCode !== null) return;
  runner.child.kill('SIGTERM');
  await once(runner.child, 'exit');
});

describe("the job runner's /metrics with METRICS_TOKEN", () => {
  it('answers 401 without the token or with a wrong one', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer worker-metrics-token-guessed' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await wrong.text()).not.toContain('ondo_');
  });

  it('serves the metrics with the token', async () => {
    const served = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('ondo_');
  });

  it('keeps /healthz open for the orchestrator', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
