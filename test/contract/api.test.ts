/**
 * The contract, as an integrator meets it: a client generated from the committed openapi/openapi.json
 * (openapi-typescript types + openapi-fetch) drives a listening ondo with real Redis and workers.
 * A route whose answer drifts from the document fails the type check or these tests.
 */
import createClient, { type Client } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueTestConfig, waitUntil } from '../queue/support.js';
import { sharedTokenizer } from '../support/engine.js';
import { startLiveOndo, type LiveOndo } from './live-ondo.js';
import type { paths } from './ondo-api.js';

let ondo: LiveOndo | undefined;
let client: Client<paths>;

beforeAll(async () => {
  ondo = await startLiveOndo(queueTestConfig('contract', { feedback: true }), sharedTokenizer());
  client = createClient<paths>({ baseUrl: ondo.url });
}, 120_000);
afterAll(() => ondo?.close());

describe('a generated client (openapi-typescript + openapi-fetch)', () => {
  const mail = {
    subject: 'Re: 注文した商品が届きません',
    body: '先日もお問い合わせしましたが、ご回答をいただけておりません。どういうことでしょうか。',
  };

  it('analyzes, triages and lints with typed answers', async () => {
    const analyzed = await client.POST('/v1/analyze', { body: mail });
    expect(analyzed.data?.politeButAnnoyed).toBe(true);
    expect(analyzed.data?.evidence[0]?.entryId).toBeTruthy();

    const triaged = await client.POST('/v1/triage', { body: { ...mail, agentName: '佐藤' } });
    expect(triaged.data?.tone.level).toBe(analyzed.data?.level);
    expect(triaged.data?.draft.text).toContain('佐藤');

    const linted = await client.POST('/v1/replies/lint', { body: { text: '返金はできません。', customerLevel: 'angry' } });
    expect(linted.data?.findings.map((f) => f.ruleId)).toContain('bare-refusal');

    const drafted = await client.POST('/v1/drafts/{kind}', {
      params: { path: { kind: 'reminder-1' } },
      body: { customerName: '山田', lastContactAt: '2026-11-20T15:00:00+09:00' },
    });
    expect(drafted.data?.draft.kind).toBe('reminder-1');
  });

  it('answers a bad request with a typed problem', async () => {
    const { error, response } = await client.POST('/v1/analyze', { body: { ...mail, raw: 'string' } });
    expect(response.status).toBe(400);
    expect(error?.type).toBe('urn:ondo:problem:validation');
  });

  it('follows an async job from enqueue to result, then claims and approves its draft', async () => {
    const accepted = await client.POST('/v1/triage/jobs', {
      body: { ...mail, agentName: '佐藤' },
      params: { header: { 'idempotency-key': `contract-${Date.now()}` } },
    });
    expect(accepted.response.status).toBe(202);
    const jobId = accepted.data!.job.id;
    const job = await waitUntil(async () => {
      const { data } = await client.GET('/v1/triage/jobs/{id}', { params: { path: { id: jobId } } });
      return data?.state === 'completed' ? data : undefined;
    }, 'the job to complete');
    expect(job.result?.draft.text).toContain('佐藤');

    const claim = await client.POST('/v1/reviews/{id}/claim', { params: { path: { id: jobId } }, body: { agent: 'sato' } });
    const approved = await client.POST('/v1/reviews/{id}/approve', {
      params: { path: { id: jobId } },
      body: { leaseToken: claim.data!.lease.token },
    });
    expect(approved.data?.item.status).toBe('approved');
    expect(approved.data?.lint).toEqual([]);
  });
});
