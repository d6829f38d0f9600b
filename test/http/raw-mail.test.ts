import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url));

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({ maxRawMailBytes: 64 * 1024 });
});
afterAll(() => app.close());

function postRaw(url: string, raw: Buffer) {
  return app.inject({ method: 'POST', url, headers: { 'content-type': 'message/rfc822' }, payload: raw });
}

describe('raw mail input', () => {
  it('reads an ISO-2022-JP mail sent as message/rfc822 and scores only the new text', async () => {
    const res = await postRaw('/v1/analyze', fixture('iso2022jp-qp-outlook-ja-block.eml'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const expected = readFileSync(new URL('../fixtures/mail/iso2022jp-qp-outlook-ja-block.expected.txt', import.meta.url), 'utf8');
    expect(body.mail.text).toBe(expected.trimEnd());
    expect(body.mail.stripped.quotedLines).toBeGreaterThan(0);
    for (const e of body.evidence.filter((x: { field: string }) => x.field === 'body')) {
      expect(body.mail.text.slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('reads the same mail given as base64 in JSON', async () => {
    const raw = fixture('sjis-8bit-cp932-chars.eml');
    const viaJson = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { raw: raw.toString('base64') } });
    const viaRfc822 = await postRaw('/v1/analyze', raw);
    expect(viaJson.statusCode).toBe(200);
    expect(viaJson.json().mail.text).toBe(viaRfc822.json().mail.text);
    expect(viaJson.json().mail.charset).toMatch(/shift_jis|cp932|windows-31j/i);
  });

  it('counts earlier customer messages in a Re: Re: Re: thread as urgency', async () => {
    const raw = fixture('thread-re-re-re-two-prior-contacts.eml');
    const thread = (await postRaw('/v1/analyze', raw)).json();
    expect(thread.mail.thread.priorContacts).toBe(2);
    const alone = (
      await app.inject({ method: 'POST', url: '/v1/analyze', payload: { subject: thread.mail.subject, body: thread.mail.text } })
    ).json();
    expect(thread.urgency).toBeGreaterThan(alone.urgency);
    expect(thread.reasons.map((r: { code: string }) => r.code)).toContain('prior-contacts');
  });

  it('triages a raw HTML-only Shift_JIS mail', async () => {
    const res = await postRaw('/v1/triage', fixture('html-only-sjis-outlook-block.eml'));
    expect(res.statusCode).toBe(200);
    expect(res.json().mail.bodySource).toBe('text/html');
    expect(res.json().draft.text.length).toBeGreaterThan(100);
  });

  it('lists attachments without reading them', async () => {
    const body = (await postRaw('/v1/analyze', fixture('attachments-listed-not-read.eml'))).json();
    expect(body.mail.attachments.length).toBeGreaterThan(0);
    for (const a of body.mail.attachments) expect(a.size).toBeGreaterThan(0);
  });

  it.each([
    ['error-unsupported-charset.eml', 'unsupported-charset'],
    ['error-not-a-mail-json.eml', 'not-a-mail'],
    ['error-undecodable-sjis-without-charset.eml', 'undecodable-body'],
  ])('answers %s with 422 undecodable-mail naming %s', async (name, reason) => {
    const res = await postRaw('/v1/analyze', fixture(name));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'urn:ondo:problem:undecodable-mail', reason });
  });

  it('rejects both body and raw, and neither', async () => {
    for (const payload of [{ body: '本文', raw: 'eA==' }, { subject: '件名だけ' }]) {
      const res = await app.inject({ method: 'POST', url: '/v1/analyze', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().type).toBe('urn:ondo:problem:validation');
    }
  });

  it('rejects raw that is not base64 unless rawEncoding is utf8', async () => {
    const text = 'Subject: test\r\n\r\n至急ご確認ください。';
    expect((await app.inject({ method: 'POST', url: '/v1/analyze', payload: { raw: text } })).statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { raw: text, rawEncoding: 'utf8' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mail.text).toContain('至急');
  });

  it('answers a raw mail over MAX_RAW_MAIL_BYTES with 413', async () => {
    const big = Buffer.concat([Buffer.from('Subject: big\r\n\r\n'), Buffer.alloc(70 * 1024, 0x61)]);
    const res = await postRaw('/v1/analyze', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().detail).toContain('MAX_RAW_MAIL_BYTES');
  });

  it('answers an empty message/rfc822 body with 422', async () => {
    const res = await postRaw('/v1/analyze', Buffer.alloc(0));
    expect(res.statusCode).toBe(422);
  });
});

describe('a pasted mail (body with clean: true)', () => {
  // An agent pastes the whole mail: a calm new line, the shop's earlier answer and the customer's
  // furious first mail quoted below it, and a signature.
  const pasted = [
    'お世話になっております。',
    '先日の件、交換品を受け取りました。ありがとうございました。',
    '',
    '山田 花子',
    'TEL: 090-0000-0000',
    '',
    '2026年11月20日(金) 10:00 ハナミ通販 <support@hanami.example>:',
    '> 山田様',
    '> このたびはご迷惑をおかけし申し訳ございません。',
    '>',
    '>> 何度も連絡しているのに返事がありません。ふざけないでください。消費者センターに相談します。',
  ].join('\n');

  it('scores only the new text, reports what was removed, and points evidence into mail.text', async () => {
    const asGiven = (await app.inject({ method: 'POST', url: '/v1/analyze', payload: { body: pasted } })).json();
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { body: pasted, clean: true } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // As given, the quoted first mail is seen and set aside (analysis/quoted-history.ts); clean removes it.
    expect(asGiven.level).toBe('calm');
    expect(asGiven.notCounted).toContainEqual(expect.objectContaining({ why: 'quoted' }));
    expect(body.level).toBe('calm');
    expect(body.mail.text).toContain('交換品を受け取りました');
    expect(body.mail.text).not.toContain('消費者センター');
    expect(body.mail.stripped.quotedLines).toBeGreaterThan(0);
    expect(body.mail.bodySource).toBe('text/plain');
    for (const e of body.evidence.filter((x: { field: string }) => x.field === 'body')) {
      expect(body.mail.text.slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('scores a paste that is nothing but quotes as given rather than answering with nothing', async () => {
    const quotesOnly = '> 返品の件、まだ返金されていません。\n> どうなっているのでしょうか。';
    const res = await app.inject({ method: 'POST', url: '/v1/triage', payload: { body: quotesOnly, clean: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().mail.text).toBe(quotesOnly);
    expect(res.json().tone.level).not.toBe('calm');
  });

  it('leaves body as given without clean, with no mail report', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { body: pasted } });
    expect(res.json().mail).toBeUndefined();
  });
});
