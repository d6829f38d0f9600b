/**
 * Issue 19 row 2 over HTTP: the probe's mails answer within a bound, and a mail over the body
 * limit is refused before any cleaning runs on it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

const RULE_LINES_MAIL = (lines: number) =>
  [
    'From: customer@example.jp',
    'Subject: お問い合わせ',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'お問い合わせです',
    ...Array(lines).fill('━━━━━━━━'),
  ].join('\r\n');

describe('mail cleaning over HTTP', () => {
  it('answers a pasted mail of 33,000 "--" lines (the probe took 64 s) within 20 s', async () => {
    const body = 'お問い合わせです\n' + '--\n'.repeat(33_000);
    const { result, ms } = await timed(() => app.inject({ method: 'POST', url: '/v1/analyze', payload: { body, clean: true } }));
    expect(result.statusCode).toBe(200);
    expect(ms).toBeLessThan(20_000); // generous: scoring 33,000 lines takes seconds on a loaded machine
  });

  it('refuses a raw mail whose text is over MAX_BODY_BYTES with 413, before cleaning it', async () => {
    const raw = RULE_LINES_MAIL(30_000); // ≈ 750 KB of rule lines: under MAX_RAW_MAIL_BYTES, over MAX_BODY_BYTES
    const { result, ms } = await timed(() =>
      app.inject({ method: 'POST', url: '/v1/analyze', headers: { 'content-type': 'message/rfc822' }, payload: raw }),
    );
    expect(result.statusCode).toBe(413);
    expect(result.json()).toMatchObject({ type: 'urn:ondo:problem:payload-too-large' });
    expect(result.json().detail).toMatch(/MAX_BODY_BYTES/);
    expect(ms).toBeLessThan(5_000);
  });
});

// A run of one character at the body limit, end to end (the probe: 100 KB of 「怒」 took 71 s under
// load). The time went to the draft's fact patterns (unbounded repeats retried from every position).
describe('a run of one character at MAX_BODY_BYTES', () => {
  const LIMIT = 100 * 1024;
  for (const char of ['怒', '！', '😡', 'ー', 'w']) {
    const body = char.repeat(Math.floor(LIMIT / Buffer.byteLength(char)));
    for (const url of ['/v1/analyze', '/v1/triage']) {
      it(`POST ${url} answers 100 KB of 「${char}」 within 15 s`, async () => {
        const { result, ms } = await timed(() => app.inject({ method: 'POST', url, payload: { body } }));
        expect(result.statusCode).toBe(200);
        expect(ms).toBeLessThan(15_000); // generous for a shared machine: alone, each takes well under a second
      });
    }
  }
});
