/**
 * Owns the corrections store: with FEEDBACK=on, a FeedbackStore on the API's Redis connection;
 * off, every feedback route answers 404 feedback-off and review decisions store nothing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { FeedbackStore } from '../../feedback/store.js';
import { ProblemError } from '../problem.js';

export interface FeedbackService {
  readonly enabled: boolean;
  /** The store of this request's tenant: 404 feedback-off when off, 503 while Redis is away. */
  use<T>(request: FastifyRequest, operation: (store: FeedbackStore, tenant: string) => Promise<T>): Promise<T>;
}

declare module 'fastify' {
  interface FastifyInstance {
    feedback: FeedbackService;
  }
}

export const DEFAULT_TENANT = 'default';

/**
 * The tenant a request acts for: set by the access hook once API keys carry tenants (a name, or
 * an object with an id); until then, and for keyless setups, the default tenant.
 */
export function tenantOf(request: FastifyRequest): string {
  const tenant = (request as { tenant?: unknown }).tenant;
  if (typeof tenant === 'string' && tenant !== '') return tenant;
  if (tenant && typeof tenant === 'object') {
    const { id, name } = tenant as { id?: unknown; name?: unknown };
    if (typeof id === 'string' && id !== '') return id;
    if (typeof name === 'string' && name !== '') return name;
  }
  return DEFAULT_TENANT;
}

// A 404 of its own kind, declared here rather than in the shared problem table: only these routes answer it.
const feedbackOff = () =>
  new ProblemError('feedback-off', 'Corrections are not stored on this server: set FEEDBACK=on to turn them on.', {
    status: 404,
    title: 'Feedback is off',
  });

export default fp<{ config: Config }>(
  async function feedback(app: FastifyInstance, { config }) {
    const store = new FeedbackStore(app.queue.redis, { prefix: config.queuePrefix, retentionDays: config.feedbackRetentionDays });
    app.decorate('feedback', {
      enabled: config.feedback,
      async use(request, operation) {
        if (!config.feedback) throw feedbackOff();
        // app.queue.use answers 503 queue-unavailable while Redis is away, like the other Redis-backed routes.
        return app.queue.use(() => operation(store, tenantOf(request)));
      },
    } satisfies FeedbackService);
  },
  { name: 'feedback', dependencies: ['queue'] },
);
