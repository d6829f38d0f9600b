/**
 * Corrections given with a review decision: stored like POST /v1/feedback's (masked, with ondo's
 * answer from the triage job, source review), per tenant, and only with FEEDBACK=on. Real Redis,
 * real workers drafting from POST /v1/triage/jobs. The mail a reviewer reads beside the draft
 * (GET /v1/reviews/{id}/mail) comes from the same job.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { listRedisKeys } from '../support/redis-prefix.js';
import { deleteQueueKeys, queueTestApp, queueTestConfig, testWorkers, waitUntil } from './support.js';

const MAIL = {
  subject: '注文番号A-99812の件',
  body: 'お世話になっております。山田花子です。\n先週注文した商品が届いておりません。先日もご連絡いたしましたが、どうなっているのでしょうか。\n電話番号は090-1234-5678です。',
};
const SECRETS = ['山田', '花子', 'A-99812', '090-1234-5678'];

/** An API and a triage worker on the config, for the describe block that calls it. */
function serve(config: Config): { app: FastifyInstance } {
  const served = {} as { app: FastifyInstance; running: Awaited<ReturnType<typeof testWorkers>> };
  beforeAll(async () => {
    served.app = await queueTestApp(config);
    served.running = await testWorkers(served.app, config, { queues: ['triage'] });
  });
  afterAll(async () => {
    await served.running?.close();
    await served.app?.close();
    await deleteQueueKeys(config);
  });
  return served;
}

/** Queues the mail, lets a worker draft it, and claims the draft: its id and lease token. */
async function draftAndClaim(app: FastifyInstance, agent: string): Promise<{ id: string; token: string }> {
  const { job } = (await app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: MAIL })).json();
  await waitUntil(
    async () => (await app.inject({ method: 'GET', url: `/v1/reviews/${job.id}` })).statusCode === 200,
    'the draft in the review queue',
  );
  const claimed = (await app.inject({ method: 'POST', url: `/v1/reviews/${job.id}/claim`, payload: { agent } })).json();
  return { id: job.id, token: claimed.lease.token };
}

describe('corrections from the review queue (FEEDBACK=on)', () => {
  const config = queueTestConfig('review-corrections', { feedback: true });
  const served = serve(config);
  let app: FastifyInstance;
  beforeAll(() => {
    app = served.app;
  });

  it('stores a correction given with an approval: masked, with ondo answer from the job, source review', async () => {
    const { id, token } = await draftAndClaim(app, 'sato');
    const response = await app.inject({
      method: 'POST',
      url: `/v1/reviews/${id}/approve`,
      payload: { leaseToken: token, correction: { level: 'furious', politeButAnnoyed: true, scenario: 'delivery-delay' } },
    });
    expect(response.statusCode).toBe(200);
    const decided = response.json();
    expect(decided.item.status).toBe('approved');
    expect(decided.correction).toEqual({ stored: true, feedbackId: expect.stringMatching(/^fb-/) });

    const record = (await app.inject({ method: 'GET', url: `/v1/feedback/${decided.correction.feedbackId}` })).json();
    const analysed = (await app.inject({ method: 'POST', url: '/v1/analyze', payload: MAIL })).json();
    expect(record).toMatchObject({
      source: 'review',
      reviewId: id,
      agent: { level: 'furious', politeButAnnoyed: true, scenario: 'delivery-delay' },
      ondo: { level: analysed.level, dictionaryVersion: analysed.dictionaryVersion, scenario: expect.any(String) },
    });
    expect(record.mail.body).toContain('届いておりません');
    const redis = createRedisClient(config, {});
    try {
      const stored = await redis.get(`${config.queuePrefix}:feedback:default:item:${record.id}`);
      expect(stored).not.toBeNull();
      for (const secret of SECRETS) expect(stored, secret).not.toContain(secret);
    } finally {
      redis.disconnect();
    }
  });

  it('stores a correction given with a rejection, and a decision without one stores nothing', async () => {
    const before = (await app.inject({ method: 'GET', url: '/v1/feedback' })).json().total;
    const first = await draftAndClaim(app, 'suzuki');
    const plain = (
      await app.inject({
        method: 'POST',
        url: `/v1/reviews/${first.id}/reject`,
        payload: { leaseToken: first.token, reason: '電話で解決済み' },
      })
    ).json();
    expect(plain.correction).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/v1/feedback' })).json().total).toBe(before);

    const second = await draftAndClaim(app, 'suzuki');
    const rejected = (
      await app.inject({
        method: 'POST',
        url: `/v1/reviews/${second.id}/reject`,
        payload: { leaseToken: second.token, reason: '用件の読み違い', correction: { level: 'calm', scenario: 'address-change' } },
      })
    ).json();
    expect(rejected.item.status).toBe('rejected');
    expect(rejected.correction.stored).toBe(true);
    const listed = (await app.inject({ method: 'GET', url: '/v1/feedback' })).json();
    expect(listed.total).toBe(before + 1);
    expect(listed.items[0]).toMatchObject({ source: 'review', reviewId: second.id, agent: { level: 'calm', scenario: 'address-change' } });
  });

  it('rejects a malformed correction with 400 before deciding anything', async () => {
    const { id, token } = await draftAndClaim(app, 'tanaka');
    const response = await app.inject({
      method: 'POST',
      url: `/v1/reviews/${id}/approve`,
      payload: { leaseToken: token, correction: { level: 'livid' } },
    });
    expect(response.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/v1/reviews/${id}` })).json().status).toBe('claimed');
  });
});

describe('corrections from the review queue (FEEDBACK off)', () => {
  const config = queueTestConfig('review-corrections-off');
  const served = serve(config);
  let app: FastifyInstance;
  beforeAll(() => {
    app = served.app;
  });

  it('decides, and says the correction was not stored because feedback is off', async () => {
    const { id, token } = await draftAndClaim(app, 'sato');
    const decided = (
      await app.inject({ method: 'POST', url: `/v1/reviews/${id}/approve`, payload: { leaseToken: token, correction: { level: 'angry' } } })
    ).json();
    expect(decided.item.status).toBe('approved');
    expect(decided.correction).toEqual({ stored: false, reason: 'feedback-off' });
    const redis = createRedisClient(config, {});
    try {
      expect(await listRedisKeys(redis, `${config.queuePrefix}:feedback:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});

describe('GET /v1/reviews/{id}/mail', () => {
  const config = queueTestConfig('review-mail');
  const served = serve(config);

  it("answers the customer's mail as scored, with the evidence ondo found in it, in place", async () => {
    const { app } = served;
    const { id } = await draftAndClaim(app, 'sato');
    const response = await app.inject({ method: 'GET', url: `/v1/reviews/${id}/mail` });
    expect(response.statusCode).toBe(200);
    const mail = response.json();
    expect(mail).toMatchObject({ subject: MAIL.subject, body: MAIL.body, scenario: { primary: expect.any(String) } });
    const analysed = (await app.inject({ method: 'POST', url: '/v1/analyze', payload: MAIL })).json();
    expect(mail.tone.level).toBe(analysed.level);
    expect(mail.tone.evidence.length).toBeGreaterThan(0);
    for (const e of mail.tone.evidence) expect(mail[e.field].slice(e.start, e.end)).toBe(e.text);
  });

  it('answers 404 problem+json for a draft that is not in the queue', async () => {
    const response = await served.app.inject({ method: 'GET', url: '/v1/reviews/no-such-draft/mail' });
    expect(response.statusCode).toBe(404);
    expect(response.json().type).toBe('urn:ondo:problem:not-found');
  });
});
