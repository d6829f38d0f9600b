/** Every route group, registered in one place (autoload misbehaves under vitest). */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import analyzeRoutes from './analyze.js';
import deliveryRoutes from './deliveries.js';
import draftRoutes from './drafts.js';
import followUpRoutes from './followups.js';
import healthRoutes from './health.js';
import jobRoutes from './jobs.js';
import lintRoutes from './lint.js';
import reviewRoutes from './reviews.js';
import triageRoutes from './triage.js';
import webhookRoutes from './webhooks.js';

export async function registerRoutes(app: FastifyInstance, config: Config): Promise<void> {
  const limits = { maxBodyBytes: config.maxBodyBytes, maxRawMailBytes: config.maxRawMailBytes };
  await app.register(healthRoutes);
  await app.register(analyzeRoutes, limits);
  await app.register(triageRoutes, limits);
  await app.register(draftRoutes);
  await app.register(lintRoutes, limits);
  await app.register(jobRoutes, limits);
  await app.register(reviewRoutes);
  await app.register(followUpRoutes);
  await app.register(webhookRoutes, {
    ...limits,
    jsonBodyLimit: config.maxBodyBytes * 4 + 64 * 1024,
    mailBodyLimit: Math.ceil(config.maxRawMailBytes * 1.4) + 64 * 1024,
  });
  await app.register(deliveryRoutes);
}
