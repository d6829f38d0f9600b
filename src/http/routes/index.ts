/**
 * Every route group, registered in one place (autoload misbehaves under vitest), each with the
 * access class that decides its keys and rate limits (route-access.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { accessScope } from '../access/route-access.js';
import analyzeRoutes from './analyze.js';
import deliveryRoutes from './deliveries.js';
import draftRoutes from './drafts.js';
import feedbackRoutes from './feedback.js';
import followUpRoutes from './followups.js';
import healthRoutes from './health.js';
import jobRoutes from './jobs.js';
import lintRoutes from './lint.js';
import reviewRoutes from './reviews.js';
import triageRoutes from './triage.js';
import webhookRoutes from './webhooks.js';

export async function registerRoutes(app: FastifyInstance, config: Config): Promise<void> {
  const limits = { maxBodyBytes: config.maxBodyBytes, maxRawMailBytes: config.maxRawMailBytes };
  await app.register(accessScope('public', (scope) => scope.register(healthRoutes)));
  await app.register(
    accessScope('api-key', async (scope) => {
      await scope.register(analyzeRoutes, limits);
      await scope.register(triageRoutes, limits);
      await scope.register(draftRoutes);
      await scope.register(lintRoutes, limits);
      await scope.register(jobRoutes, limits);
      await scope.register(reviewRoutes);
      await scope.register(followUpRoutes);
      await scope.register(deliveryRoutes);
      await scope.register(feedbackRoutes, limits);
    }),
  );
  await app.register(
    accessScope('webhook', (scope) =>
      scope.register(webhookRoutes, {
        ...limits,
        jsonBodyLimit: config.maxBodyBytes * 4 + 64 * 1024,
        mailBodyLimit: Math.ceil(config.maxRawMailBytes * 1.4) + 64 * 1024,
      }),
    ),
  );
}
