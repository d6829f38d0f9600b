/**
 * Issue 19 row 3: deeply nested HTML overflowed html-to-text's stack (500 after seconds of
 * blocking). It is refused with 422 html-too-deep on every route that reads a mail, quickly (the
 * probe's 100,000 <div> are now over the HTML size bound, 413, before any parsing).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HTML_DEPTH, htmlBodyToText } from '../../src/mail/html-body.js';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const htmlMail = (html: string) =>
  ['From: customer@example.jp', 'Subject: お問い合わせ', 'Content-Type: text/html; charset=utf-8', '', html].join('\r\n');
const nestedDivs = (depth: number) => '<div>'.repeat(depth) + '商品が届きません' + '</div>'.repeat(depth);
const nestedLists = (depth: number) => '<ul><li>'.repeat(depth) + '商品が届きません';

const ROUTES = [
  { url: '/v1/analyze', payload: (raw: string) => ({ raw, rawEncoding: 'utf8' }) },
  { url: '/v1/triage', payload: (raw: string) => ({ raw, rawEncoding: 'utf8' }) },
  {
    url: '/v1/replies/lint',
    payload: (raw: string) => ({ text: 'ご連絡ありがとうございます。', customerMail: { raw, rawEncoding: 'utf8' } }),
  },
];

describe('deeply nested HTML', () => {
  for (const { url, payload } of ROUTES) {
    for (const [name, html] of [
      ['50,000 nested <div>', nestedDivs(50_000)],
      ['20,000 nested <ul><li>', nestedLists(20_000)],
    ] as const) {
      it(`${url}: ${name} → 422 html-too-deep within 5 s`, async () => {
        const started = performance.now();
        const res = await app.inject({ method: 'POST', url, payload: payload(htmlMail(html)) });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ type: 'urn:ondo:problem:undecodable-mail', reason: 'html-too-deep' });
        expect(performance.now() - started).toBeLessThan(5_000);
      });
    }
  }

  it('still reads HTML nested as deeply as the limit allows', () => {
    expect(htmlBodyToText(nestedDivs(MAX_HTML_DEPTH - 2))).toContain('商品が届きません');
  });
});
