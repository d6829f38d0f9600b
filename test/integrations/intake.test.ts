/**
 * The webhook intake when Redis goes away part-way through accepting a delivery: the provider's
 * retry must be queued, not answered as a duplicate of a delivery whose job never made it.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../src/integrations/deliveries.js';
import { WebhookIntake, type TriageEnqueuer } from '../../src/integrations/intake.js';
import { DeliveryDedupe } from '../../src/integrations/ledger.js';
import { parseIntegrationSettings } from '../../src/config/integrations.js';
import { connectRedis, type WatchedRedis } from '../../src/queue/connection.js';
import { freePort } from '../support/api-process.js';
import { ScratchRedis } from '../support/scratch-redis.js';
import { silentLog, waitUntil } from './support.js';

const [zendesk] = parseIntegrationSettings(
  [
    {
      id: 'acme',
      provider: 'zendesk',
      signingSecrets: ['zendesk-secret'],
      baseUrl: 'http://127.0.0.1:9',
      email: 'agent@acme.example',
      apiToken: 'zd-api-token',
    },
  ],
  {},
);
const message = {
  ticketId: '4242',
  messageKey: 'comment-1',
  deliveryId: 'invocation-1',
  mail: { kind: 'text' as const, text: { body: '三日前から返信がありません。至急対応してください。' } },
};

let redis: ScratchRedis;
let producer: WatchedRedis;
let queue: Queue;

beforeAll(async () => {
  redis = new ScratchRedis(await freePort());
  await redis.start();
  // The API's own connection settings: no offline queue, so a command fails at once while Redis is away.
  producer = connectRedis(redis.url, 'producer', silentLog);
  await waitUntil(() => producer.up(), 'the producer connection');
  queue = new Queue('deliveries', { connection: producer.client, prefix: 'intake-test' });
  queue.on('error', () => {});
});
afterAll(async () => {
  await queue.close();
  await producer.close();
  await redis.remove();
});

describe('a delivery interrupted by a Redis restart', () => {
  it('queues the retry of a delivery whose first attempt failed after Redis went away', async () => {
    const enqueued: string[] = [];
    let first = true;
    const idFor = (key: string) => `tdefault-hook-${Buffer.from(key).toString('hex').slice(0, 16)}`;
    const triage: TriageEnqueuer = {
      jobIdFor: async (_tenant, key) => idFor(key),
      deliveryIdFor: async (_tenant, ...message) => `tdefault-note-${Buffer.from(message.join('/')).toString('hex').slice(0, 16)}`,
      async enqueue({ integrationKey: idempotencyKey }) {
        if (first) {
          // Redis restarts between the intake's first write and the enqueue.
          first = false;
          await redis.stop('SIGTERM');
          throw new Error('Connection is closed.');
        }
        enqueued.push(idempotencyKey);
        return { id: idFor(idempotencyKey), created: true };
      },
    };
    const intake = new WebhookIntake({
      dedupe: new DeliveryDedupe(producer.client, 'intake-test', 3_600),
      deliveries: new DeliveryQueue(queue),
      triage,
      now: () => new Date(),
      firstPollMs: 0,
    });

    await expect(intake.accept(zendesk!, message, message.mail.text)).rejects.toThrow();
    await redis.start();
    await waitUntil(() => producer.up(), 'the producer to reconnect');

    const retried = await intake.accept(zendesk!, message, message.mail.text);
    expect(retried.duplicate).toBe(false);
    expect(enqueued).toHaveLength(1);
    expect(await queue.getJob(retried.deliveryJobId)).toBeDefined();

    // The provider's next retry of the same delivery is answered from Redis, without queueing again.
    const again = await intake.accept(zendesk!, message, message.mail.text);
    expect(again).toEqual({ ...retried, duplicate: true });
    expect(enqueued).toHaveLength(1);
  });
});
