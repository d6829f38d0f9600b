/** Every route group, registered in one place (autoload misbehaves under vitest). */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import analyzeRoutes from './analyze.js';
import draftRoutes from './drafts.js';
import healthRoutes from './health.js';
import lintRoutes from './lint.js';
import triageRoutes from './triage.js';

export async function registerRoutes(app: FastifyInstance, config: Config): Promise<void> {
  const limits = { maxBodyBytes: config.maxBodyBytes, maxRawMailBytes: config.maxRawMailBytes };
  await app.register(healthRoutes);
  await app.register(analyzeRoutes, limits);
  await app.register(triageRoutes, limits);
  await app.register(draftRoutes);
  await app.register(lintRoutes, limits);
}
