/**
 * Prometheus metrics of the API at /metrics: request counts and latency by route, jobs by queue and
 * state, drafts waiting for review, and whether Redis is reachable. Job durations are measured
 * where jobs run: the worker's own /metrics (WORKER_PORT).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Type } from 'typebox';
import { matchesAny } from '../../integrations/signature.js';
import { bearerToken } from '../access/api-keys.js';
import { ProblemError, problemResponses } from '../problem.js';
import type { VersionAgreement } from '../../feedback/agreement.js';

export interface MetricsOptions {
  /** METRICS_TOKEN: scrapes must send `Authorization: Bearer <token>`; without it /metrics is open. */
  token?: string;
}

export default fp<MetricsOptions>(
  async function metrics(app: FastifyInstance, { token }) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'ondo_api_' });
    const labelNames = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({
      name: 'ondo_http_requests_total',
      help: 'HTTP requests answered, by route and status',
      labelNames,
      registers: [registry],
    });
    const latency = new Histogram({
      name: 'ondo_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route and status',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    // Gauges read at scrape time; registering them is all they need.
    new Gauge({
      name: 'ondo_redis_up',
      help: '1 while the API reaches Redis',
      registers: [registry],
      collect() {
        this.set(app.redis.up() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ondo_queue_jobs',
      help: 'Jobs by queue and BullMQ state (waiting includes prioritized)',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        if (!app.redis.up()) return;
        const { triage, followups } = app.queue.queues;
        for (const queue of [triage, followups]) {
          const counts = await queue
            .getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed')
            .catch(() => undefined);
          if (!counts) continue;
          const { prioritized = 0, waiting = 0, ...others } = counts;
          this.set({ queue: queue.name, state: 'waiting' }, waiting + prioritized);
          for (const [state, count] of Object.entries(others)) this.set({ queue: queue.name, state }, count);
        }
      },
    });
    new Gauge({
      name: 'ondo_review_queue_drafts',
      help: 'Drafts waiting in the review queue (claimed ones included)',
      registers: [registry],
      async collect() {
        if (!app.redis.up()) return;
        const page = await app.queue.use((q) => q.reviews.list(1)).catch(() => undefined);
        if (page) this.set(page.total);
      },
    });

    // Agents' corrections (FEEDBACK=on): how often they agree with ondo's level, per dictionary version.
    new Gauge({
      name: 'ondo_feedback_corrections',
      help: "Agents' stored corrections by tenant, dictionary version and whether the agent agreed with ondo's level",
      labelNames: ['tenant', 'dictionary_version', 'agreed'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const { tenant, versions } of await app.feedback.agreement()) {
          for (const v of versions) {
            this.set({ tenant, dictionary_version: v.dictionaryVersion, agreed: 'true' }, v.level.agreed);
            this.set({ tenant, dictionary_version: v.dictionaryVersion, agreed: 'false' }, v.level.n - v.level.agreed);
          }
        }
      },
    });
    // Level and scenario agreement side by side; a version without scenario corrections has no scenario ratio (not NaN).
    for (const [name, what, of] of [
      ['ondo_feedback_agreement_ratio', 'level', (v: VersionAgreement) => v.level],
      ['ondo_feedback_scenario_agreement_ratio', 'scenario (where the agent named one)', (v: VersionAgreement) => v.scenario],
    ] as const) {
      new Gauge({
        name,
        help: `Share of agents' corrections that agree with ondo's ${what}, by tenant and dictionary version`,
        labelNames: ['tenant', 'dictionary_version'] as const,
        registers: [registry],
        async collect() {
          this.reset();
          for (const { tenant, versions } of await app.feedback.agreement()) {
            for (const v of versions) if (of(v).n > 0) this.set({ tenant, dictionary_version: v.dictionaryVersion }, of(v).rate);
          }
        },
      });
    }

    app.addHook('onResponse', async (request, reply) => {
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
      requests.inc(labels);
      latency.observe(labels, reply.elapsedTime / 1000);
    });

    app.get('/metrics', {
      config: { access: 'admin' },
      // After the access hook has counted the request against the caller's address, so guessing is throttled.
      onRequest: async (request) => {
        if (token === undefined) return;
        if (!matchesAny(bearerToken(request.headers.authorization), [token])) {
          throw new ProblemError('unauthorized', 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.', {
            headers: { 'www-authenticate': 'Bearer realm="ondo metrics"' },
          });
        }
      },
      schema: {
        operationId: 'getMetrics',
        tags: ['operations'],
        summary: 'Prometheus metrics of this API process',
        // The token is asked for only when METRICS_TOKEN is set.
        security: [{ metricsToken: [] }, {}],
        description:
          'ondo_http_requests_total and ondo_http_request_duration_seconds by method, route and status; ondo_queue_jobs by queue and state; ' +
          "ondo_review_queue_drafts; ondo_feedback_corrections, ondo_feedback_agreement_ratio and ondo_feedback_scenario_agreement_ratio by tenant and dictionary version (FEEDBACK=on); ondo_redis_up; Node.js process metrics (ondo_api_*). Job durations: the worker's /metrics.",
        response: {
          200: {
            description: 'Prometheus text exposition format 0.0.4',
            content: { 'text/plain': { schema: Type.String({ description: 'Metrics, one sample a line' }) } },
          },
          ...problemResponses(401, 429),
        },
      },
      handler: async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    });
  },
  { name: 'metrics', dependencies: ['queue', 'feedback'] },
);
