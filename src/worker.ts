/**
 * Starts the workers: loads the manual and the tokenizer, works on every queue, serves /healthz and
 * /metrics on WORKER_PORT, and on SIGTERM/SIGINT stops taking jobs, finishes in-flight ones and exits.
 */
import { createServer } from 'node:http';
import { pino } from 'pino';
import { loadAnalysisEngine } from './analysis/analyze.js';
import { loadConfig } from './config.js';
import { loadDrafting } from './drafting/drafting.js';
import { startDeliveryJobWorker } from './integrations/delivery-job-worker.js';
import { createWorkerMetrics } from './queue/worker-metrics.js';
import { startDraftJobWorkers } from './queue/draft-job-workers.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, base: { process: 'worker' } });
  const engine = await loadAnalysisEngine({ dictionariesDir: config.dictionariesDir });
  const metrics = createWorkerMetrics();
  const drafting = loadDrafting(engine.dictionaries);
  const running = startDraftJobWorkers({ config, engine, drafting, log, metrics });
  // Draft notes back to helpdesks (README → Integrations): only when integrations are configured.
  const deliveries =
    config.integrations.length > 0
      ? startDeliveryJobWorker({ config, log, metrics, analyze: async (mail) => engine.analyze(mail), drafting })
      : undefined;

  const server = createServer((request, response) => {
    if (request.url === '/healthz') {
      const redis = running.redisUp() ? 'up' : 'down';
      response
        .writeHead(redis === 'up' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: redis === 'up' ? 'ok' : 'degraded', redis }));
    } else if (request.url === '/metrics') {
      metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(config.workerPort, config.host, resolve));
  const address = server.address();
  log.info(
    { port: typeof address === 'object' ? address?.port : address, concurrency: config.workerConcurrency, prefix: config.queuePrefix },
    'worker ready',
  );

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'worker shutting down: no new jobs; finishing in-flight ones');
    const [drafts, notes] = await Promise.all([running.close(), deliveries?.close()]);
    const forced = drafts.forced || (notes?.forced ?? false);
    server.close();
    log.info({ forced }, 'worker stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`ondo worker failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
