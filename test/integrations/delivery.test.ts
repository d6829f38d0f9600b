import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { callOutbound } from '../../src/integrations/delivery.js';
import { startDeliveryJobWorker, type RunningDeliveryJobWorker } from '../../src/integrations/delivery-job-worker.js';
import { NoteLedger } from '../../src/integrations/ledger.js';
import { formatDraftNote } from '../../src/integrations/note.js';
import { verifyStandardWebhook } from '../../src/integrations/signature.js';
import { DEFAULT_TENANT } from '../../src/queue/tenants.js';
import type { DeliverNoteJobData, TriageLookup, TriageStatus } from '../../src/integrations/deliver-note-job.js';
import {
  CALLBACK_SECRET,
  defaultResponse,
  deleteQueueKeys,
  FakeHelpdesk,
  integrationTestConfig,
  silentLog,
  TRIAGE_RESULT,
} from './support.js';
import { OutboundError } from '../../src/integrations/errors.js';

const helpdesk = await new FakeHelpdesk().start();
const config = integrationTestConfig(
  'delivery',
  helpdesk.url,
  {},
  {
    zendesk: { note: { setPriority: true, setTags: true } },
    freshdesk: { note: { setPriority: true, setTags: true } },
  },
);
let app: FastifyInstance;
let running: RunningDeliveryJobWorker;
/** Triage as the delivery job sees it: done unless a test says otherwise. */
let triageStatus: (id: string) => TriageStatus = () => ({ state: 'completed', result: TRIAGE_RESULT });
const triage: TriageLookup = { status: async (id) => triageStatus(id) };

beforeAll(async () => {
  // The delivery routes need no tokenizer: one that never loads keeps this file fast.
  app = await buildApp({ config, logger: false, tokenizer: new Promise(() => {}) });
  await app.ready();
  running = startDeliveryJobWorker({ config, log: silentLog, triage });
  await running.worker.waitUntilReady();
});
afterEach(async () => {
  helpdesk.reset();
  triageStatus = () => ({ state: 'completed', result: TRIAGE_RESULT });
  await app.integrations.deliveries.queue.obliterate({ force: true });
  await deleteQueueKeys(config);
});
afterAll(async () => {
  await running.close();
  await app.close();
  await helpdesk.stop();
});

let seq = 0;
async function deliver(provider: DeliverNoteJobData['provider'], integrationId: string, ticketId: string, messageKey = `m-${++seq}`) {
  const id = await app.queue.use((q) => q.ids.derived(DEFAULT_TENANT, 'note', provider, integrationId, ticketId, messageKey));
  const data: DeliverNoteJobData = {
    provider,
    integrationId,
    ticketId,
    messageKey,
    triageJobId: `key-${seq}`,
    receivedAt: new Date().toISOString(),
    acceptedAt: new Date().toISOString(),
  };
  await app.integrations.deliveries.add(id, data, 0);
  return { id, marker: NoteLedger.marker(`${provider}/${integrationId}`, ticketId, messageKey), messageKey };
}

/** Resolves when the job completes or fails for good. */
function settled(worker: Worker, id: string, timeoutMs = 15_000): Promise<'completed' | 'failed'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${id} did not settle within ${timeoutMs} ms`)), timeoutMs);
    const done = (outcome: 'completed' | 'failed') => {
      clearTimeout(timer);
      worker.off('completed', onCompleted);
      worker.off('failed', onFailed);
      resolve(outcome);
    };
    const onCompleted = (job: { id?: string }) => job.id === id && done('completed');
    const onFailed = (job: { id?: string; attemptsMade: number; opts: { attempts?: number } } | undefined, err: Error) => {
      if (job?.id === id && (job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError')) done('failed');
    };
    worker.on('completed', onCompleted);
    worker.on('failed', onFailed);
  });
}

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('deliver-note to Zendesk', () => {
  it('PUTs one internal note with priority and tags, authenticated with the API token', async () => {
    const { id, marker } = await deliver('zendesk', 'acme', '123');
    expect(await settled(running.worker, id)).toBe('completed');
    expect(helpdesk.requests).toHaveLength(1);
    const [request] = helpdesk.requests;
    expect(request!.method).toBe('PUT');
    expect(request!.path).toBe('/api/v2/tickets/123.json');
    expect(request!.headers.authorization).toBe(basic('agent@acme.example/token:zd-api-token'));
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({
      ticket: {
        comment: { body: formatDraftNote(TRIAGE_RESULT, marker).text, public: false },
        priority: 'urgent',
        additional_tags: ['ondo-angry', 'ondo-furious', 'ondo-escalate'],
      },
    });
    const job = (await app.inject({ method: 'GET', url: `/v1/deliveries/${id}` })).json();
    expect(job).toMatchObject({ state: 'completed', posted: true, ticketId: '123' });
    expect(job.noteId).toMatch(/^\d+$/);
  });

  it('formats the note for an agent: level, reasons, routing, then the draft, with a reference id', () => {
    const { text } = formatDraftNote(TRIAGE_RESULT, 'ondo-0123');
    const lines = text.split('\n');
    expect(lines[0]).toBe('【ondo 下書き】激怒（furious）・優先度 P1 最優先・要エスカレーション');
    expect(lines[1]).toMatch(/^返信期限: .+まで（2026-11-2\dT/);
    expect(text).toContain('判定理由:\n・');
    expect(text).toContain('エスカレーション理由:\n・');
    expect(text).toContain(TRIAGE_RESULT.draft.text);
    expect(text).toContain('送信前に記入: 【会社名】');
    expect(lines.at(-1)).toBe('ondo 参照ID: ondo-0123');
  });

  it('waits out a 429 for its Retry-After without using an attempt', async () => {
    let calls = 0;
    helpdesk.respond = () =>
      ++calls === 1
        ? { status: 429, headers: { 'retry-after': '1' }, body: { error: 'Rate limit for ticket updates exceeded' } }
        : { status: 200, body: { audit: { id: 1, events: [{ id: 77, type: 'Comment' }] } } };
    const { id } = await deliver('zendesk', 'acme', '124');
    expect(await settled(running.worker, id)).toBe('completed');
    const [first, second] = helpdesk.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    const job = await app.integrations.deliveries.queue.getJob(id);
    expect(job!.attemptsMade).toBe(1); // the successful one; the 429 did not count
    expect(job!.returnvalue.noteId).toBe('77');
  });

  it('retries 500s with backoff, then dead-letters the delivery; a replay delivers it once', async () => {
    helpdesk.respond = (r) => (r.method === 'PUT' ? { status: 500, body: { error: 'boom' } } : defaultResponse(r));
    const { id } = await deliver('zendesk', 'acme', '125');
    expect(await settled(running.worker, id)).toBe('failed');
    // Before each retry the job looks for a note the failed attempt may have left (a 500 can come after a commit).
    expect(helpdesk.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'PUT', 'GET', 'PUT']);
    const puts = helpdesk.writes();
    const gaps = puts.slice(1).map((r, i) => r.at - puts[i]!.at);
    // Exponential with jitter 0.5 from DELIVERY_BACKOFF_MS 50: the retries wait at least 25 and 50 ms. Only the
    // lower bounds are checked, since a loaded machine can only make a wait longer (2 ms for clock rounding).
    expect(gaps[0]!).toBeGreaterThanOrEqual(23);
    expect(gaps[1]!).toBeGreaterThanOrEqual(48);

    const dead = (await app.inject({ method: 'GET', url: '/v1/deliveries' })).json();
    expect(dead.state).toBe('failed');
    expect(dead.deliveries.map((d: { id: string }) => d.id)).toEqual([id]);
    expect(dead.deliveries[0]).toMatchObject({ attemptsMade: 3, failedReason: expect.stringContaining('→ 500') });

    helpdesk.reset();
    const replay = await app.inject({ method: 'POST', url: `/v1/deliveries/${id}/replay` });
    expect(replay.statusCode).toBe(202);
    expect(await settled(running.worker, id)).toBe('completed');
    expect(helpdesk.writes()).toHaveLength(1);
  });

  it('does not retry a 422', async () => {
    helpdesk.respond = () => ({ status: 422, body: { error: 'RecordInvalid', description: 'Record validation errors' } });
    const { id } = await deliver('zendesk', 'acme', '126');
    expect(await settled(running.worker, id)).toBe('failed');
    expect(helpdesk.requests).toHaveLength(1);
    const job = await app.integrations.deliveries.get(id);
    expect(job).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: expect.stringContaining('→ 422') });
  });

  it('posts one note per message: a second delivery of the same message finds the first note', async () => {
    const first = await deliver('zendesk', 'acme', '127', 'same-message');
    expect(await settled(running.worker, first.id)).toBe('completed');
    await app.integrations.deliveries.queue.remove(first.id);
    const again = await deliver('zendesk', 'acme', '127', 'same-message');
    expect(await settled(running.worker, again.id)).toBe('completed');
    expect(helpdesk.writes()).toHaveLength(1);
    expect((await app.integrations.deliveries.get(again.id))!.posted).toBe(false);
  });

  it('waits for the triage job without using attempts, and dead-letters when triage failed', async () => {
    let looks = 0;
    triageStatus = () => (++looks < 3 ? { state: 'pending' } : { state: 'completed', result: TRIAGE_RESULT });
    const waiting = await deliver('zendesk', 'acme', '128');
    expect(await settled(running.worker, waiting.id)).toBe('completed');
    expect(looks).toBe(3);
    expect((await app.integrations.deliveries.queue.getJob(waiting.id))!.attemptsMade).toBe(1);

    triageStatus = () => ({ state: 'failed', reason: 'the job carries no mail body' });
    const doomed = await deliver('zendesk', 'acme', '129');
    expect(await settled(running.worker, doomed.id)).toBe('failed');
    expect(helpdesk.requests).toHaveLength(1);
  });
});

describe('deliver-note to Freshdesk', () => {
  it('POSTs a private HTML note with the API key, then sets priority and adds tags to the existing ones', async () => {
    const { id, marker } = await deliver('freshdesk', 'acme', '77');
    expect(await settled(running.worker, id)).toBe('completed');
    expect(helpdesk.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v2/tickets/77/notes',
      'GET /api/v2/tickets/77',
      'PUT /api/v2/tickets/77',
    ]);
    for (const r of helpdesk.requests) expect(r.headers.authorization).toBe(basic('fd-api-key-123:X'));
    expect(JSON.parse(helpdesk.requests[0]!.body)).toEqual({ body: formatDraftNote(TRIAGE_RESULT, marker).html, private: true });
    expect(JSON.parse(helpdesk.requests[2]!.body)).toEqual({ priority: 4, tags: ['vip', 'ondo-angry', 'ondo-furious', 'ondo-escalate'] });
  });

  it('retries only the ticket update when the note went in but the update failed', async () => {
    helpdesk.respond = (r) =>
      r.method === 'PUT' && helpdesk.requests.filter((x) => x.method === 'PUT').length === 1
        ? { status: 503, body: {} }
        : defaultResponse(r);
    const { id } = await deliver('freshdesk', 'acme', '78');
    expect(await settled(running.worker, id)).toBe('completed');
    expect(helpdesk.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(helpdesk.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });
});

describe('deliver-note as a signed callback', () => {
  it('POSTs the draft to the configured URL, signed (Standard Webhooks) with a stable webhook-id', async () => {
    const { id, marker } = await deliver('sendgrid', 'acme', 'sg-1', 'sg-1');
    expect(await settled(running.worker, id)).toBe('completed');
    const [request] = helpdesk.requests;
    expect(`${request!.method} ${request!.path}`).toBe('POST /callback');
    expect(request!.headers['webhook-id']).toBe(marker);
    const valid = verifyStandardWebhook(
      [CALLBACK_SECRET],
      marker,
      String(request!.headers['webhook-timestamp']),
      Buffer.from(request!.body),
      String(request!.headers['webhook-signature']),
    );
    expect(valid).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      type: 'draft.created',
      ticket: { id: 'sg-1' },
      triage: { level: 'furious', routing: { priority: 'P1' } },
    });
  });
});

describe('outbound safety', () => {
  it("refuses a host that is not the integration's, and follows no redirect", async () => {
    const zendesk = config.integrations.find((i) => i.provider === 'zendesk')!;
    await expect(
      callOutbound(zendesk, 'GET', 'http://169.254.169.254/latest/meta-data', { headers: {} }, { timeoutMs: 1000 }),
    ).rejects.toMatchObject({ kind: 'permanent' });
    helpdesk.respond = () => ({ status: 302, headers: { location: 'http://169.254.169.254/' } });
    const err = await callOutbound(zendesk, 'GET', `${helpdesk.url}/api/v2/tickets/1.json`, { headers: {} }, { timeoutMs: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OutboundError);
    expect(err).toMatchObject({ kind: 'permanent', status: 302 });
    expect(helpdesk.requests).toHaveLength(1);
  });
});
