import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

describe('request logs', () => {
  it('carry a request id and the mail length and hash, never the mail text', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        callback();
      },
    });
    const app = await testApp({}, { logger: pino({ level: 'trace' }, sink) });
    const subject = '山田花子の注文番号A-99812について';
    const body = 'お世話になっております。山田花子です。電話番号は090-1234-5678、住所は東京都港区です。届いていません。';
    await app.inject({ method: 'POST', url: '/v1/analyze', payload: { subject, body }, headers: { 'x-request-id': 'log-test-1' } });
    await app.inject({ method: 'POST', url: '/v1/analyze', payload: { subject, body: 42 } });
    await app.close();

    const log = lines.join('\n');
    for (const secret of ['山田花子', '090-1234-5678', '東京都港区', 'A-99812']) expect(log).not.toContain(secret);
    const analysed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'mail analysed');
    expect(analysed).toMatchObject({ reqId: 'log-test-1', mail: { bodyLength: body.length, subjectLength: subject.length } });
    expect(analysed.mail.sha256).toMatch(/^[0-9a-f]{16}$/);
  });
});
