/**
 * /v1/analyze and /v1/triage send the JSON the analysis made (JsonAnswer) without passing it
 * through fastify's response serializer: the bytes must still be exactly what the response schema
 * allows (no field it does not know, integers where it says integer) and carry the whole result.
 */
import type { FastifyInstance } from 'fastify';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { AnalyzeResponse } from '../../src/http/routes/analyze.js';
import { TriageResponse } from '../../src/http/routes/triage.js';
import { EXAMPLE_RAW_MAIL } from '../../src/http/schemas/examples.js';
import { testApp } from '../support/app.js';

// Every 10th fixture: calm to furious, every scenario, pasted and casual mails.
const MAILS = readJsonLines<LabelledMail>(EMAIL_FIXTURES)
  .filter((_, i) => i % 10 === 0)
  .map(({ subject, body }) => ({ subject, body }));
const RECEIVED_AT = '2026-11-26T10:15:00+09:00';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('the JSON answer of /v1/analyze and /v1/triage', () => {
  it('analyses every mail into JSON the response schema allows, equal to the analysis itself', async () => {
    for (const mail of MAILS) {
      const res = await app.inject({ method: 'POST', url: '/v1/analyze', payload: mail });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = res.json();
      expect([...Value.Errors(AnalyzeResponse, body)]).toEqual([]);
      const { read: _read, ...tone } = await app.analysis.analyze(mail);
      expect(body).toEqual(tone);
    }
  });

  it('triages every mail into JSON the response schema allows, equal to the triage itself', async () => {
    for (const mail of MAILS) {
      const context = { agentName: '佐藤', receivedAt: RECEIVED_AT };
      const res = await app.inject({ method: 'POST', url: '/v1/triage', payload: { ...mail, ...context } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect([...Value.Errors(TriageResponse, body)]).toEqual([]);
      const { read: _read, ...result } = await app.analysis.triage(mail, context);
      expect(body).toEqual(result);
    }
  });

  it('adds what was read of a raw mail as `mail`, within the schema', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: { raw: EXAMPLE_RAW_MAIL, rawEncoding: 'utf8', receivedAt: RECEIVED_AT },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect([...Value.Errors(TriageResponse, body)]).toEqual([]);
    expect(body.mail.text).toContain('マグカップ');
  });
});
