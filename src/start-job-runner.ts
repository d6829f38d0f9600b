/**
 * The job runner (started by job-runner.ts, the process `npm run worker` runs; compose service `worker`): the queue workers
 * of every job kind in one process. Opens the analysis pool (ANALYSIS_THREADS threads; triage runs
 * there, not on this event loop) and loads the manual, serves /healthz and /metrics on WORKER_PORT,
 * and on SIGTERM/SIGINT stops taking jobs, finishes in-flight ones and exits.
 */
import { createServer } from 'node:http';
import { pino } from 'pino';
import type { MailToRead } from './analysis-pool/analysis-tasks.js';
import { openAnalysisWithManual } from './analysis-pool/open-analysis.js';
import { loadConfig } from './config.js';
import type { MailText } from './analysis/analyze.js';
import { bearerToken } from './http/access/api-keys.js';
import { startDeliveryJobWorker } from './integrations/delivery-job-worker.js';
import { matchesAny } from './integrations/signature.js';
import { createWorkerMetrics } from './queue/worker-metrics.js';
import { startDraftJobWorkers } from './queue/draft-job-workers.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, base: { process: 'worker' } });
  // The manual as the API reads it: from the parsed-YAML cache, handed to the threads so they parse nothing.
  const { analysis, drafting } = await openAnalysisWithManual({
    threads: config.analysisThreads,
    dictionariesDir: config.dictionariesDir,
    dictionaryCacheDir: config.dictionaryCacheDir,
    mailReadBudgetMs: config.mailReadBudgetMs,
    taskBudgetMs: config.analysisTaskBudgetMs,
    youngGenerationMb: config.analysisThreadYoungGenMb,
    oldGenerationMb: config.analysisThreadOldGenMb,
  });
  const metrics = createWorkerMetrics();
  const running = startDraftJobWorkers({ config, analysis: analysis.runner, drafting, log, metrics });
  const measure = (mail: MailText) => analysis.runner.run({ kind: 'measure', mail });
  const read = (mail: MailToRead) => analysis.runner.run({ kind: 'read', mail });
  // Draft notes back to helpdesks (README → Integrations): only when integrations are configured.
  const deliveries = config.integrations.length > 0 ? startDeliveryJobWorker({ config, log, metrics, measure, read, drafting }) : undefined;

  const server = createServer((request, response) => {
    if (request.url === '/healthz') {
      const redis = running.redisUp() ? 'up' : 'down';
      response
        .writeHead(redis === 'up' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: redis === 'up' ? 'ok' : 'degraded', redis }));
    } else if (request.url === '/metrics') {
      // METRICS_TOKEN guards this /metrics as it guards the API's (the worker listens on HOST too).
      if (config.metricsToken !== undefined && !matchesAny(bearerToken(request.headers.authorization), [config.metricsToken])) {
        response.writeHead(401, { 'www-authenticate': 'Bearer realm="ondo metrics"' }).end();
        return;
      }
      metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(config.workerPort, config.host, resolve));
  // `worker ready` means it can take jobs: after its Redis connection (on a cluster, once the client
  // has learnt the slots), or after the first attempt failed, so an outage still shows a ready line (redis: down).
  const redisUp = await running.redisFirstAttempt;
  const address = server.address();
  log.info(
    {
      port: typeof address === 'object' ? address?.port : address,
      concurrency: config.workerConcurrency,
      analysis: analysis.mode,
      threads: analysis.threads,
      prefix: config.queuePrefix,
      redis: redisUp ? 'up' : 'down',
    },
    'worker ready',
  );

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'worker shutting down: no new jobs; finishing in-flight ones');
    const [drafts, notes] = await Promise.all([running.close(), deliveries?.close()]);
    const forced = drafts.forced || (notes?.forced ?? false);
    await analysis.destroy(); // the queues are closed: nothing more will be asked of it
    server.close();
    log.info({ forced }, 'worker stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`ondo job runner (npm run worker) failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
