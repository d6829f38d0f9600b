import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_DICTIONARIES_DIR } from '../../src/analysis/lexicon/load.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';

const THREAT = { subject: '至急対応しろ', body: '何度も問い合わせているのに返信がない。今日中に返金しろ。責任者を出せ！' };

let app: FastifyInstance;
/** A copy of the dictionaries, so the reload test can edit it. */
const dictionariesDir = mkdtempSync(join(tmpdir(), 'ondo-pool-dict-'));
beforeAll(async () => {
  cpSync(DEFAULT_DICTIONARIES_DIR, dictionariesDir, { recursive: true });
  // Like testApp: inject() requests all come from one address, so the per-IP limit is lifted.
  const config = { ...loadConfig({ ANALYSIS_THREADS: '2' }), rateLimitPerIp: 1_000_000, dictionariesDir };
  app = await buildApp({ config, logger: false });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app?.close();
  rmSync(dictionariesDir, { recursive: true, force: true });
});

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
    expect(await app.analysis.threads()).toHaveLength(2);

    const analyzed = await app.inject({ method: 'POST', url: '/v1/analyze', payload: THREAT });
    expect(analyzed.statusCode).toBe(200);
    expect(analyzed.json()).toMatchObject({ level: 'furious', dictionaryVersion: app.analysis.dictionaries.version });

    const triaged = await app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: { ...THREAT, receivedAt: '2026-11-26T10:15:00+09:00' },
    });
    expect(triaged.statusCode).toBe(200);
    expect(triaged.json()).toMatchObject({ tone: { level: 'furious' }, routing: { escalate: true } });

    const linted = await app.inject({
      method: 'POST',
      url: '/v1/replies/lint',
      payload: { text: '返金はできません。', customerMail: { body: THREAT.body } },
    });
    expect(linted.statusCode).toBe(200);
    expect(linted.json().customerLevel).toBe('furious');
    expect(linted.json().findings.length).toBeGreaterThan(0);
  }, 120_000);

  it('warms a new pool on the edited dictionaries and answers from it, dropping no request', async () => {
    await app.analysis.ready;
    const mail = { body: 'お客様への対応がまるでなっちょらん。' };
    const anger = join(dictionariesDir, 'tone/anger.yaml');
    writeFileSync(
      anger,
      `${readFileSync(anger, 'utf8')}  - id: anger.nacchoran\n    pattern: なっ ちょ らん\n    match: surface\n    weight: 30\n    note: 方言の「なっていない」\n`,
    );
    const during = Promise.all(Array.from({ length: 10 }, () => app.inject({ method: 'POST', url: '/v1/analyze', payload: mail })));
    const { changed, dictionaryVersion } = await app.analysis.reload();
    expect(changed).toBe(true);
    for (const res of await during) expect(res.statusCode).toBe(200);
    const after = (await app.inject({ method: 'POST', url: '/v1/analyze', payload: mail })).json();
    expect(after.dictionaryVersion).toBe(dictionaryVersion);
    expect(after.evidence.some((e: { entryId: string }) => e.entryId === 'anger.nacchoran')).toBe(true);
    expect(await app.analysis.threads()).toHaveLength(2);
  }, 60_000);

  it('ends the threads on app.close()', async () => {
    await app.analysis.ready;
    await app.close();
    await expect(app.analysis.analyze({ body: '返金しろ' })).rejects.toThrow(/closed/);
  });
});
