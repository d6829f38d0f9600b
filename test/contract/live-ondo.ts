/**
 * A listening ondo for the contract, as `npm run openapi` and the contract tests both need it: the
 * app on a loopback port, draft job workers in this process (inline analysis, the app's engine and
 * manual), Redis under the config's prefix. close() stops them and deletes the prefix's keys. It
 * imports nothing of vitest: scripts/openapi.ts runs it outside the test runner.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { inlineRunner } from '../../src/analysis-pool/analysis-tasks.js';
import type { Tokenizer } from '../../src/analysis/tokenizer/index.js';
import type { Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { startDraftJobWorkers, type RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { deleteRedisPrefix } from '../support/redis-prefix.js';

export interface LiveOndo {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export async function startLiveOndo(config: Config, tokenizer: Tokenizer | Promise<Tokenizer>): Promise<LiveOndo> {
  let app: FastifyInstance | undefined;
  let workers: RunningDraftJobWorkers | undefined;
  const close = async () => {
    await workers?.close();
    await app?.close();
    await deleteRedisPrefix(config.redisUrl, config.queuePrefix);
  };
  try {
    app = await buildApp({ config, logger: false, tokenizer });
    await app.ready();
    await app.analysis.ready;
    await app.listen({ host: '127.0.0.1', port: 0 });
    workers = startDraftJobWorkers({
      config,
      analysis: inlineRunner({ engine: app.analysis.engine(), drafting: app.drafting }),
      drafting: app.drafting,
      log: pino({ level: 'silent' }),
    });
    await Promise.all(workers.workers.map((worker) => worker.waitUntilReady()));
    return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close };
  } catch (err) {
    await close();
    throw err;
  }
}
