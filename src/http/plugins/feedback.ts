/**
 * Owns the corrections store: with FEEDBACK=on, a FeedbackStore on the API's Redis connection;
 * off, every feedback route answers 404 feedback-off and review decisions store nothing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { summarizeAgreement, type VersionAgreement } from '../../feedback/agreement.js';
import { FeedbackStore } from '../../feedback/store.js';
import { tenantOf } from '../access/tenant-scope.js';
import { ProblemError } from '../problem.js';

export interface FeedbackService {
  readonly enabled: boolean;
  /** The store of this request's tenant: 404 feedback-off when off, 503 while Redis is away. */
  use<T>(request: FastifyRequest, operation: (store: FeedbackStore, tenant: string) => Promise<T>): Promise<T>;
  /** The same for a tenant the request does not carry (a helpdesk integration's). */
  useTenant<T>(tenant: string, operation: (store: FeedbackStore, tenant: string) => Promise<T>): Promise<T>;
  /** Agreement per tenant and dictionary version, for /metrics (read at most once a minute; empty when off or Redis is away). */
  agreement(): Promise<Array<{ tenant: string; versions: VersionAgreement[] }>>;
}

const AGREEMENT_CACHE_MS = 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    feedback: FeedbackService;
  }
}

// A 404 of its own kind, declared here rather than in the shared problem table: only these routes answer it.
const feedbackOff = () =>
  new ProblemError('feedback-off', 'Corrections are not stored on this server: set FEEDBACK=on to turn them on.', {
    status: 404,
    title: 'Feedback is off',
  });

export default fp<{ config: Config }>(
  async function feedback(app: FastifyInstance, { config }) {
    const store = new FeedbackStore(app.redis.client, {
      prefix: config.queuePrefix,
      retentionDays: config.feedbackRetentionDays,
      ids: app.queue.ids,
    });
    let cached: { at: number; value: Awaited<ReturnType<FeedbackService['agreement']>> } | undefined;
    const readAgreement = async () => {
      const tenants = await store.tenants();
      const result = [];
      for (const tenant of tenants) {
        const records = [];
        for await (const record of store.all(tenant)) records.push(record);
        result.push({ tenant, versions: summarizeAgreement(records, { disagreements: 0 }).versions });
      }
      return result;
    };
    app.decorate('feedback', {
      enabled: config.feedback,
      async use(request, operation) {
        return this.useTenant(tenantOf(request).tenant, operation);
      },
      async useTenant(tenant, operation) {
        if (!config.feedback) throw feedbackOff();
        // app.queue.use answers 503 queue-unavailable while Redis is away, like the other Redis-backed routes.
        return app.queue.use(() => operation(store, tenant));
      },
      async agreement() {
        if (!config.feedback || !app.redis.up()) return [];
        if (cached && Date.now() - cached.at < AGREEMENT_CACHE_MS) return cached.value;
        const value = await readAgreement().catch(() => cached?.value ?? []);
        cached = { at: Date.now(), value };
        return value;
      },
    } satisfies FeedbackService);
  },
  { name: 'feedback', dependencies: ['queue'] },
);
