/**
 * A helpdesk passes an agent's correction on: the Zendesk correction trigger sends the ticket's
 * tags ({{ticket.tags}} as ondo_correction) and its first message; an ondo-level tag becomes a
 * stored, masked correction in the integration's tenant, and nothing is triaged.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctionFromTags } from '../../src/integrations/correction.js';
import { parseCorrections } from '../../src/cli/learn/corrections.js';
import { queueTestApp } from '../queue/support.js';
import { deleteQueueKeys, FRESHDESK_TOKEN, integrationTestConfig, zendeskHeaders } from './support.js';

const MAIL =
  'お世話になっております。契約者の森田です。\n加入している訴訟費用保険の請求に必要な書類を教えてください。\n森田 恵子\n090-1234-5678';
const correctionBody = (tags: string, description = MAIL) =>
  JSON.stringify({ ticket_id: '5150', subject: '訴訟費用保険について', description, ondo_correction: tags });

describe('correctionFromTags', () => {
  it.each([
    ['ondo-level:calm', { level: 'calm' }],
    ['vip ondo_level_angry ondo-polite-annoyed', { level: 'angry', politeButAnnoyed: true }],
    ['ondo-level_concerned,ondo_scenario_delivery_delay', { level: 'concerned', scenario: 'delivery-delay' }],
  ])('reads %s', (tags, label) => {
    expect(correctionFromTags(tags)).toEqual(label);
  });

  it.each(['vip refund', 'ondo-level:calm ondo-level:angry', 'ondo-level:livid'])('refuses %s: no one level', (tags) => {
    expect(() => correctionFromTags(tags)).toThrow(/exactly one level tag/u);
  });
});

describe('POST /webhooks/zendesk with ondo_correction', () => {
  const on = integrationTestConfig('ticket-correction-on', 'http://127.0.0.1:9', { feedback: true });
  const off = integrationTestConfig('ticket-correction-off', 'http://127.0.0.1:9', { feedback: false });
  let app: FastifyInstance;
  let appOff: FastifyInstance;
  beforeAll(async () => {
    app = await queueTestApp(on);
    appOff = await queueTestApp(off);
  });
  afterAll(async () => {
    await app?.close();
    await appOff?.close();
    await deleteQueueKeys(on);
    await deleteQueueKeys(off);
  });
  const post = (target: FastifyInstance, body: string) =>
    target.inject({ method: 'POST', url: '/webhooks/zendesk/acme', headers: zendeskHeaders(body), payload: body });

  it('stores the tag as a masked correction with ondo’s reading, once however often it is delivered, and triages nothing', async () => {
    const body = correctionBody('insurance ondo-level:calm');
    const first = await post(app, body);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ status: 'correction-stored', feedbackId: expect.stringMatching(/^fb-/u) });
    const again = await post(app, body);
    expect(again.json().feedbackId).toBe(first.json().feedbackId);

    const exported = await app.inject({ method: 'GET', url: '/v1/feedback/export' });
    const records = parseCorrections(exported.body, 'export');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ source: 'helpdesk', agent: { level: 'calm' }, ondo: { level: 'furious' } });
    expect(exported.body).not.toMatch(/森田|090-1234-5678/u);
    const counts = await app.queue.queues.triage.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('takes the same from a Freshdesk rule (Advanced template, HTML description) in the same tenant', async () => {
    const body = JSON.stringify({
      ticket_id: 77,
      subject: '保険の件',
      description: '<p>個人賠償責任保険の特約を追加したいです。</p><p>小林</p>',
      ondo_correction: 'ondo-level:concerned,ondo-scenario:plan-change',
    });
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/freshdesk/acme',
      headers: { 'content-type': 'application/json', 'x-ondo-token': FRESHDESK_TOKEN },
      payload: body,
    });
    expect(response.statusCode).toBe(202);
    const stored = await app.inject({ method: 'GET', url: `/v1/feedback/${response.json().feedbackId}` });
    expect(stored.json()).toMatchObject({ source: 'helpdesk', agent: { level: 'concerned', scenario: 'plan-change' } });
    // ondo's own scenario beside the agent's tag, so the report's scenario matrix counts helpdesk corrections too.
    expect(stored.json().ondo.scenario).toEqual(expect.any(String));
    expect(stored.json().mail.body).not.toMatch(/<p>|小林/u);
  });

  it('answers 422 for tags that name no level, and 200 correction-off when FEEDBACK is off', async () => {
    expect((await post(app, correctionBody('vip'))).statusCode).toBe(422);
    const response = await post(appOff, correctionBody('ondo-level:calm'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'correction-off' });
  });
});
