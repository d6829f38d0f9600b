/**
 * Owns the API's side of the integrations, over the redis plugin's connection: the configured
 * integrations, webhook dedupe, the deliveries queue, and the webhook intake that queues triage
 * through the queue plugin. Like the queue plugin it answers 503 until Redis is back.
 */
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { DeliveryQueue, deliveryJobOptions } from '../../integrations/deliveries.js';
import { WebhookIntake, type TriageEnqueuer } from '../../integrations/intake.js';
import { decoyIntegration } from '../../integrations/decoy.js';
import { DeliveryDedupe } from '../../integrations/ledger.js';
import type { Integration, IntegrationOf, Provider } from '../../config/integrations.js';
import { DELIVERIES_QUEUE, type DeliverNoteJobData, type DeliverNoteJobResult } from '../../integrations/deliver-note-job.js';
import { triageJobId } from '../../queue/triage-intake.js';
import { mailFingerprint } from '../../mail/mail-fingerprint.js';
import { ProblemError } from '../problem.js';

export interface IntegrationsService {
  readonly all: readonly Integration[];
  /** The integration named in the URL (without a name, the only one of that provider); a decoy that admits nobody when there is none. */
  find<P extends Provider>(provider: P, id: string | undefined): IntegrationOf<P>;
  readonly intake: WebhookIntake;
  readonly deliveries: DeliveryQueue;
  readonly toleranceSeconds: number;
  /** Now, in ms, for signature timestamps (the queue clock, which tests can fix). */
  nowMs(): number;
  /** Runs a Redis operation: 503 queue-unavailable while Redis is away. */
  use<T>(operation: () => Promise<T>): Promise<T>;
}

declare module 'fastify' {
  interface FastifyInstance {
    integrations: IntegrationsService;
  }
}

export default fp<{ config: Config }>(
  async function integrations(app: FastifyInstance, { config }) {
    const queue = new Queue<DeliverNoteJobData, DeliverNoteJobResult>(DELIVERIES_QUEUE, {
      connection: app.redis.client,
      prefix: config.queuePrefix,
      defaultJobOptions: deliveryJobOptions({
        attempts: config.deliveryAttempts,
        backoffMs: config.deliveryBackoffMs,
        retentionSeconds: config.jobRetentionSeconds,
      }),
    });
    queue.on('error', () => {}); // outages are logged by the connection's own listener
    const deliveries = new DeliveryQueue(queue);
    // The queue layer's intake: scores the mail for its priority and dedupes on the idempotency key.
    const triage: TriageEnqueuer = {
      jobIdFor: (tenant, integrationKey) => app.queue.use((q) => triageJobId(q.ids, { tenant, integrationKey })),
      deliveryIdFor: (tenant, ...message) => app.queue.use((q) => q.ids.derived(tenant, 'note', ...message)),
      async enqueue({ tenant, mail, integrationKey, messageId, receivedAt }) {
        const { job, created } = await app.queue.use((q) =>
          q.triage.enqueue({
            tenant,
            mail,
            fingerprint: mailFingerprint(mail),
            context: receivedAt ? { receivedAt } : {},
            integrationKey,
            ...(messageId ? { messageId } : {}),
          }),
        );
        return { id: job.id, created };
      },
    };
    const intake = new WebhookIntake({
      dedupe: new DeliveryDedupe(app.redis.client, config.queuePrefix, config.webhookDedupeSeconds),
      deliveries,
      triage,
      now: () => app.queue.clock.now(),
      firstPollMs: config.deliveryPollMs,
    });
    const whenDown = 'The job queue (Redis) is unavailable; the provider will retry the webhook.';

    for (const integration of config.integrations) {
      if (integration.provider === 'mailgun' && !integration.basicAuth && !integration.pathTokens) {
        app.log.warn(
          { integration: `mailgun/${integration.id}` },
          "Mailgun's signature does not cover the mail: set basicAuth (credentials in the forward() URL) or pathTokens (forward() to /webhooks/mailgun/<id>/<token>)",
        );
      }
    }
    app.decorate('integrations', {
      all: config.integrations,
      find(provider, id) {
        const candidates = config.integrations.filter((i): i is IntegrationOf<typeof provider> => i.provider === provider);
        if (id === undefined && candidates.length > 1) {
          throw new ProblemError(
            'unknown-integration',
            `Several ${provider} integrations are configured; name one in the URL: /webhooks/${provider}/<id>.`,
          );
        }
        const found = id === undefined ? candidates[0] : candidates.find((i) => i.id === id);
        // An id nobody configured fails verification like a bad signature: ids cannot be enumerated.
        return found ?? decoyIntegration(provider);
      },
      intake,
      deliveries,
      toleranceSeconds: config.webhookToleranceSeconds,
      nowMs: () => app.queue.clock.now().getTime(),
      use: (operation) => app.redis.use(operation, whenDown),
    } satisfies IntegrationsService);

    app.addHook('onClose', async () => {
      await queue.close().catch(() => {});
    });
  },
  { name: 'integrations', dependencies: ['redis', 'queue'] },
);
