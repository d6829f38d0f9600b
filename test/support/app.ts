/** Builds an app for inject() tests, sharing the file's tokenizer. */
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp, type BuildAppOptions } from '../../src/http/app.js';
import { sharedTokenizer } from './engine.js';

export async function testApp(overrides: Partial<Config> = {}, options: Partial<BuildAppOptions> = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    // inject() requests all come from one address: lift the per-IP limit unless a test is about it.
    config: { ...loadConfig({}), rateLimitPerIp: 1_000_000, ...overrides },
    logger: false,
    tokenizer: sharedTokenizer(),
    ...options,
  });
  await app.ready();
  await app.analysis.ready;
  return app;
}
