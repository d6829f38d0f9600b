import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanMailText, parseRawMail } from '../../src/mail/index.js';
import {
  encodeText,
  encodedWords,
  message,
  textPart,
  type JapaneseCharset,
  type TransferEncoding,
} from '../fixtures/mail/mail-encoders.js';

const CHARSETS: JapaneseCharset[] = ['iso-2022-jp', 'shift_jis', 'euc-jp', 'utf-8'];

// Characters every encoder under test can write and every decoder read back: the property is
// about the mail pipeline, not about characters a charset cannot hold.
const CANDIDATES = [
  ...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽっゃゅょ',
  ...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンガギグゲゴパピプペポッャュョヴー',
  ...'注文返金至急確認商品届交換破損請求書対応連絡電話担当者様株式会社配送遅延不具合説明早急解約髙﨑',
  ...'①②③④⑤⑩㈱㈲Ⅰ Ⅱ Ⅲ～∥－￢、。「」（）！？・…',
  ...'ｱｲｳｴｵｶｷｸｹｺﾃﾞﾊﾟｰ',
  ...'ABCxyz0123456789 -/.,',
];
const ALPHABET = [...new Set(CANDIDATES)].filter((ch) =>
  CHARSETS.every((charset) => new TextDecoder(charset === 'utf-8' ? 'utf-8' : charset).decode(encodeText(ch, charset)) === ch),
);

const textLine = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 60 }).map((chars) => chars.join(''));
const bodyText = fc
  .array(textLine, { minLength: 1, maxLength: 6 })
  .map((lines) => lines.map((line) => line.trimEnd()).join('\n'))
  .filter((text) => text.trim() !== '');

const TRANSFER: Record<JapaneseCharset, TransferEncoding[]> = {
  'iso-2022-jp': ['7bit', 'base64', 'quoted-printable'],
  shift_jis: ['8bit', 'base64', 'quoted-printable'],
  'euc-jp': ['8bit', 'base64', 'quoted-printable'],
  'utf-8': ['8bit', 'base64', 'quoted-printable'],
};
const encoding = fc
  .constantFrom(...CHARSETS)
  .chain((charset) => fc.record({ charset: fc.constant(charset), cte: fc.constantFrom(...TRANSFER[charset]) }));

describe('decoding round-trips', () => {
  it('gives back the Japanese text of any charset and transfer encoding', async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, textLine, encoding, fc.nat(), async (text, subject, { charset, cte }, seed) => {
        const subjectBytes = encodeText(subject, charset).length;
        // split encoded words at an arbitrary byte, mid-character included (not inside JIS escapes)
        const splitAt = charset === 'iso-2022-jp' || subjectBytes < 2 ? [] : [1 + (seed % (subjectBytes - 1))];
        const raw = message(
          ['From: taro@example.jp', `Subject: ${encodedWords(subject, { charset, splitAt })}`, 'MIME-Version: 1.0'],
          textPart(`${text}\n`, { charset, cte }),
        );
        const mail = await parseRawMail(raw);
        expect(mail.text.replace(/\n$/u, '')).toBe(text);
        expect(mail.subject).toBe(subject.trim());
      }),
    );
  });
});

const JAPANESE_SENTENCE = fc
  .array(fc.constantFrom(...ALPHABET.filter((ch) => !/[A-Za-z0-9 \-/.,]/u.test(ch))), { minLength: 1, maxLength: 40 })
  .map((chars) => chars.join(''));
const paragraph = fc.array(JAPANESE_SENTENCE, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));

const SIGNATURES = [
  '-- \n山田 太郎\n株式会社サンプル',
  '━━━━━━━━━━\n株式会社サンプル 山田\nTEL 03-1234-5678\n━━━━━━━━━━',
  '山田 太郎\n株式会社サンプル\n〒100-0001 東京都千代田区千代田1-1-1\nTEL: 03-1234-5678',
  '＝＝＝＝＝＝＝＝\n山田\nhttps://sample.example.jp/',
  'iPhoneから送信',
];
const QUOTES = [
  '2026年11月20日(金) 10:15 サポート <support@shop.example.jp>:\n> 確認いたします。\n> よろしくお願いします。',
  '-----Original Message-----\nFrom: support@shop.example.jp\nSent: Friday, November 20, 2026 10:15 AM\nTo: taro@example.jp\nSubject: RE: 返金\n\n確認します。',
  '差出人: サポート <support@shop.example.jp>\n送信日時: 2026年11月20日 10:15\n宛先: taro@example.jp\n件名: RE: 返金\n\n確認します。',
  '> 以前のお問い合わせ\n> 届きません。',
  '---------- Forwarded message ---------\nFrom: shop <noreply@shop.example.jp>\n\n発送しました。',
];

describe('cleanMailText', () => {
  it("never removes the customer's first paragraph, and keeps only original lines in order", () => {
    fc.assert(
      fc.property(
        paragraph,
        fc.array(paragraph, { maxLength: 2 }),
        fc.option(fc.constantFrom(...SIGNATURES)),
        fc.option(fc.constantFrom(...QUOTES)),
        fc.boolean(),
        (first, more, signature, quote, windowsNewlines) => {
          const pieces = [first, ...more, signature, quote].filter((piece): piece is string => piece !== null);
          const body = pieces.join('\n\n');
          const clean = cleanMailText(windowsNewlines ? body.replace(/\n/gu, '\r\n') : body);

          expect(clean.text.startsWith(first)).toBe(true);
          const original = body.split('\n');
          let cursor = 0;
          for (const line of clean.text.split('\n')) {
            cursor = original.indexOf(line, cursor);
            expect(cursor).toBeGreaterThanOrEqual(0);
            cursor++;
          }
        },
      ),
    );
  });
});
