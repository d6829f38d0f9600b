/**
 * Issue 19 row 6: {"body": "😡" × 25000} answered 3.76 MB with 25,000 evidence items (and a
 * queued result kept that size for days). Evidence is aggregated per (entry, field, text) with a
 * count and the first spans, and every list in the result is bounded.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_ITEMS, MAX_SPANS_PER_ITEM, aggregateSpans } from '../../src/analysis/evidence-summary.js';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('evidence of a mail that repeats one word 25,000 times', () => {
  for (const url of ['/v1/analyze', '/v1/triage']) {
    it(`${url}: one item with its count and first ${MAX_SPANS_PER_ITEM} spans, a response under 64 KB`, async () => {
      const res = await app.inject({ method: 'POST', url, payload: { body: '😡'.repeat(25_000) } });
      expect(res.statusCode).toBe(200);
      expect(res.body.length).toBeLessThan(64 * 1024);
      const tone = url === '/v1/analyze' ? res.json() : res.json().tone;
      const angry = tone.evidence.filter((e: { text: string }) => e.text.includes('😡'));
      expect(angry.length).toBeGreaterThan(0);
      expect(angry.length).toBeLessThan(10);
      const total = angry.reduce((sum: number, e: { count: number }) => sum + e.count, 0);
      expect(total).toBeGreaterThan(1_000);
      for (const e of angry) expect(e.spans.length).toBeLessThanOrEqual(MAX_SPANS_PER_ITEM);
    });
  }

  it('keeps distinct words apart and scores as before (a repeated word still counts with decay)', async () => {
    const once = (await app.inject({ method: 'POST', url: '/v1/analyze', payload: { body: 'ふざけるな。' } })).json();
    const twice = (await app.inject({ method: 'POST', url: '/v1/analyze', payload: { body: 'ふざけるな。ふざけるな。' } })).json();
    const item = twice.evidence.find((e: { entryId: string }) => e.entryId === 'anger.fuzakeru');
    expect(item).toMatchObject({
      text: 'ふざける',
      count: 2,
      spans: [
        { start: 0, end: 4 },
        { start: 6, end: 10 },
      ],
    });
    expect(twice.anger).toBeGreaterThanOrEqual(once.anger);
  });
});

describe('aggregateSpans', () => {
  it(`keeps the ${MAX_EVIDENCE_ITEMS} strongest of many distinct items, in text order, and counts the rest`, () => {
    const items = Array.from({ length: 250 }, (_, i) => ({
      entryId: `e${i}`,
      field: 'body',
      text: `w${i}`,
      start: i * 2,
      end: i * 2 + 1,
      weight: i % 7,
    }));
    const { items: kept, omitted } = aggregateSpans(
      items,
      () => {},
      (item) => item.weight,
    );
    expect(kept).toHaveLength(MAX_EVIDENCE_ITEMS);
    expect(omitted).toBe(150);
    expect(kept.map((k) => k.start)).toEqual([...kept.map((k) => k.start)].sort((a, b) => a - b));
    expect(Math.min(...kept.map((k) => k.weight))).toBeGreaterThanOrEqual(4);
  });
});
