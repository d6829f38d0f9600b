import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';

const THREAT = { subject: '至急対応しろ', body: '何度も問い合わせているのに返信がない。今日中に返金しろ。責任者を出せ！' };

let app: FastifyInstance;
beforeAll(async () => {
  // Like testApp: inject() requests all come from one address, so the per-IP limit is lifted.
  app = await buildApp({ config: { ...loadConfig({ ANALYSIS_THREADS: '2' }), rateLimitPerIp: 1_000_000 }, logger: false });
  await app.ready();
}, 60_000);
afterAll(() => app?.close());

describe('the API with ANALYSIS_THREADS=2', () => {
  it('answers /readyz 503 until both threads are warm, then analyses, triages and lints through them', async () => {
    expect(app.analysis.mode).toBe('pool');
    const early = await app.inject({ method: 'GET', url: '/readyz' });
    expect(early.statusCode).toBe(503);
    expect(early.json().checks.tokenizer).toBe('loading');

    await app.analysis.ready;
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.tokenizer).toBe('up');
    expect(await app.analysis.workers()).toHaveLength(2);

    const analyzed = await app.inject({ method: 'POST', url: '/v1/analyze', payload: THREAT });
    expect(analyzed.statusCode).toBe(200);
    expect(analyzed.json()).toMatchObject({ level: 'furious', dictionaryVersion: app.analysis.dictionaries.version });

    const triaged = await app.inject({ method: 'POST', url: '/v1/triage', payload: { ...THREAT, receivedAt: '2026-11-26T10:15:00+09:00' } });
    expect(triaged.statusCode).toBe(200);
    expect(triaged.json()).toMatchObject({ tone: { level: 'furious' }, routing: { escalate: true } });

    const linted = await app.inject({
      method: 'POST',
      url: '/v1/replies/lint',
      payload: { reply: '返金はできません。', customerMail: { body: THREAT.body } },
    });
    expect(linted.statusCode).toBe(200);
    expect(linted.json().customerLevel).toBe('furious');
    expect(linted.json().findings.length).toBeGreaterThan(0);
  }, 120_000);

  it('ends the threads on app.close()', async () => {
    await app.analysis.ready;
    await app.close();
    await expect(app.analysis.analyze({ body: '返金しろ' })).rejects.toThrow(/closed/);
  });
});
