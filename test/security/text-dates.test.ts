/**
 * Issue 19 row 8: a date of 9999-12-31 was a 500 ("no business day within 400 days") and
 * 0001-01-01 a job failing five times. Dates are checked against [2000-01-01, now + 2 years]
 * (400 validation) on every route that takes one, and the calendar never throws.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/drafting/calendar.js';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const MAIL = { subject: 'Re: 注文の件', body: '注文した商品がまだ届きません。至急ご確認ください。' };
const ROUTES = [
  { url: '/v1/triage', fields: ['receivedAt'], base: MAIL },
  { url: '/v1/triage/jobs', fields: ['receivedAt'], base: MAIL },
  { url: '/v1/drafts/closing-notice', fields: ['lastContactAt', 'now'], base: { customerName: '山田' } },
  { url: '/v1/followups', fields: ['lastContactAt'], base: { caseId: 'case-sec-text-dates' } },
];

describe('dates outside the sensible range', () => {
  for (const { url, fields, base } of ROUTES) {
    for (const field of fields) {
      for (const value of ['9999-12-31T00:00:00Z', '0001-01-01T00:00:00Z', '1999-12-31T23:59:59Z']) {
        it(`${url}: ${field} ${value.slice(0, 10)} → 400 validation naming the field`, async () => {
          const res = await app.inject({ method: 'POST', url, payload: { ...base, [field]: value } });
          expect(res.statusCode).toBe(400);
          expect(res.json()).toMatchObject({ type: 'urn:ondo:problem:validation', errors: [{ path: `/${field}` }] });
        });
      }
    }
  }

  it('still accepts a date within the range', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/drafts/closing-notice',
      payload: { customerName: '山田', lastContactAt: '2026-11-20T15:00:00+09:00', now: '2026-11-27T10:00:00+09:00' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('the business calendar', () => {
  const config = { businessHours: { start: '09:00', end: '18:00' }, workdays: ['月', '火', '水', '木', '金'] as const };

  it('counts plain days instead of throwing when every day is closed', () => {
    const closedAllYear = createBusinessCalendar({
      ...config,
      workdays: [...config.workdays],
      closures: [{ name: '休業', from: '01-01', to: '12-31' }],
    });
    const from = new Date('2026-11-20T10:00:00+09:00');
    expect(() => closedAllYear.addBusinessDays(from, 3)).not.toThrow();
    expect(closedAllYear.addBusinessDays(from, 3).getTime()).toBeGreaterThan(from.getTime());
    expect(() => closedAllYear.nextBusinessDayBefore(from)).not.toThrow();
  });

  it('answers for the year 9999 (past the holiday table) without throwing', () => {
    const calendar = createBusinessCalendar({
      ...config,
      workdays: [...config.workdays],
      closures: [{ name: '年末年始', from: '12-29', to: '01-03' }],
    });
    expect(() => calendar.addBusinessDays(new Date('9999-12-31T00:00:00Z'), 3)).not.toThrow();
  });
});
