import { describe, expect, it } from 'vitest';
import { MailDecodeError, parseRawMail } from '../../src/mail/index.js';
import { encodedWords, message, textPart } from '../fixtures/mail/mail-encoders.js';

const REPLY = message(
  [
    `From: ${encodedWords('山田 太郎', { charset: 'iso-2022-jp' })} <taro@example.jp>`,
    `Subject: ${encodedWords('Re: 返金の件', { charset: 'iso-2022-jp' })}`,
    'Date: Fri, 20 Nov 2026 10:15:00 +0900',
    'Message-ID: <3@example.jp>',
    'In-Reply-To: <2@shop.example.jp>',
    'References: <1@example.jp> <2@shop.example.jp>',
    'MIME-Version: 1.0',
  ],
  textPart('返金はまだですか。\n', { charset: 'iso-2022-jp', cte: '7bit' }),
);

async function refusal(raw: Buffer | string): Promise<MailDecodeError> {
  const error = await parseRawMail(raw).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MailDecodeError);
  return error as MailDecodeError;
}

describe('parseRawMail', () => {
  it('reads the headers a thread needs', async () => {
    const mail = await parseRawMail(REPLY);
    expect(mail).toMatchObject({
      subject: 'Re: 返金の件',
      from: { name: '山田 太郎', address: 'taro@example.jp' },
      date: '2026-11-20T01:15:00.000Z',
      messageId: '<3@example.jp>',
      inReplyTo: '<2@shop.example.jp>',
      references: ['<1@example.jp>', '<2@shop.example.jp>'],
      text: '返金はまだですか。\n',
      bodySource: 'text/plain',
      charset: 'iso-2022-jp',
      attachments: [],
    });
  });

  it('accepts the raw mail as a string, as JSON carries it', async () => {
    const mail = await parseRawMail(
      'From: taro@example.jp\r\nSubject: =?UTF-8?B?5rOo5paH?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n届きません。\r\n',
    );
    expect(mail.subject).toBe('注文');
    expect(mail.text).toBe('届きません。\n');
  });

  it('skips an mbox "From " line in front of the headers', async () => {
    const mail = await parseRawMail(Buffer.concat([Buffer.from('From taro@example.jp Fri Nov 20 10:15:00 2026\n'), REPLY]));
    expect(mail.subject).toBe('Re: 返金の件');
  });

  it('refuses empty input as not-a-mail', async () => {
    expect((await refusal('')).code).toBe('not-a-mail');
  });

  it('refuses headers without a body as empty-body', async () => {
    expect((await refusal('From: taro@example.jp\r\nSubject: test\r\n')).code).toBe('empty-body');
  });

  it('refuses a body of blank lines as empty-body', async () => {
    expect((await refusal('From: taro@example.jp\r\nSubject: test\r\n\r\n \r\n\r\n')).code).toBe('empty-body');
  });

  it('names the part and its declared charset when the body cannot be decoded', async () => {
    const broken = message(
      ['From: taro@example.jp', 'Subject: x', 'Content-Type: text/plain; charset=Shift_JIS', ''],
      Buffer.from([0x82, 0xa0, 0x82, 0xff, 0xfe, 0x0a]),
    );
    const error = await refusal(broken);
    expect(error.code).toBe('undecodable-body');
    expect(error.message).toContain('text/plain part (declared charset=Shift_JIS)');
  });
});
