import { describe, expect, it } from 'vitest';
import { stripSignature } from '../../src/mail/signature.js';

const BODY = 'アプリが起動しません。\n至急直してください。\n\nよろしくお願いいたします。';

describe('stripSignature', () => {
  it.each([
    ['the "-- " separator', '-- \n山田 太郎'],
    ['a ━━━━ framed block', '━━━━━━━━━━\n株式会社サンプル\nTEL 03-1234-5678\n━━━━━━━━━━'],
    ['a ──── rule', '────────────\n山田 太郎\nhttps://sample.example.jp/'],
    ['a ＝＝＝＝ rule', '＝＝＝＝＝＝＝＝\n山田商店\n〒530-0001 大阪府大阪市北区梅田1-2-3'],
    ['a **** rule', '********\n山田 太郎\nE-mail: taro@example.jp'],
    ['a ---- rule', '----------\n株式会社サンプル\nFAX 03-1234-5679'],
    ['a ==== rule', '==========\nSample Co., Ltd.\nTel: 03-1234-5678'],
    ['a trailing contact block', '山田 太郎\n株式会社サンプル 管理部\n〒100-0001 東京都千代田区千代田1-1-1\nTEL: 03-1234-5678'],
    ['"iPhoneから送信"', 'iPhoneから送信'],
    ['"Sent from my iPhone"', 'Sent from my iPhone'],
  ])('removes %s', (_, signature) => {
    const result = stripSignature(`${BODY}\n\n${signature}\n`);
    expect(result.text).toBe(BODY);
    expect(result.signatureLines).toBe(signature.split('\n').filter((line) => line.trim() !== '').length);
  });

  it('keeps the closing phrase above a contact block', () => {
    expect(stripSignature('返品したいです。\n\nよろしくお願いします\n山田 太郎\nTEL 03-1234-5678\ntaro@example.jp').text).toBe(
      '返品したいです。\n\nよろしくお願いします',
    );
  });

  it('keeps a rule line that separates sections of the message itself', () => {
    const text = '問い合わせです。\n\n━━━━━━━━━━\n【症状】\n起動すると画面が真っ白になり、何も操作できません。\n再起動しても直りません。';
    expect(stripSignature(text).text).toBe(text);
  });

  it('never strips a single paragraph, even one full of contact data', () => {
    const text = '山田 太郎\n株式会社サンプル\nTEL 03-1234-5678';
    expect(stripSignature(text)).toEqual({ text, signatureLines: 0 });
  });

  it('cuts at a separator glued to the first paragraph but keeps that paragraph', () => {
    expect(stripSignature('至急返金してください。\n--\n山田').text).toBe('至急返金してください。');
  });
});
