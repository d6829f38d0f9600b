/** Every route group, registered in one place (autoload misbehaves under vitest). */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import analyzeRoutes from './analyze.js';
import healthRoutes from './health.js';

export async function registerRoutes(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(healthRoutes);
  await app.register(analyzeRoutes, { maxBodyBytes: config.maxBodyBytes });
}
