import { describe, expect, it } from 'vitest';
import { customerText, customerTextSigned, fromLineNames, readCustomerText } from '../../src/drafting/customer-text.js';
import { sharedEngine } from '../support/engine.js';

const OWN = '先日注文したマグカップの色違いへの交換をお願いします。\n12月10日までに届くと助かります。\n\n松井';

describe('customerText', () => {
  it('keeps a mail with nothing quoted as it is', () => {
    expect(customerText(OWN)).toBe(OWN);
  });

  it('sets aside the shop reply quoted under the mail', () => {
    const body = `${OWN}\n\n2026年11月20日(金) 10:15 サポート <support@example.jp>:\n> ご返金の件でご不便をおかけしました。\n> お届け予定日は12月20日です。`;
    expect(customerText(body)).not.toMatch(/返金|12月20日/u);
    expect(customerText(body)).toContain('12月10日');
  });

  it('sets aside a forwarded notice and an Original Message block', () => {
    for (const marker of ['---------- Forwarded message ---------', '-----Original Message-----']) {
      const body = `${OWN}\n\n${marker}\nFrom: ショップ事務局 <shop@example.jp>\nSubject: 【発送完了のお知らせ】\nTo: <me@example.com>\n\n返品・交換は到着後7日以内にご連絡ください。`;
      expect(customerText(body)).not.toContain('7日以内');
    }
  });

  it('sets aside a legal disclaimer under the signature, but not a sentence of the customer with one such word', () => {
    const disclaimer = 'このメールは機密情報を含む場合があります。誤って受信された場合は、お手数ですが削除のうえ送信者までご連絡ください。';
    expect(customerText(`${OWN}\n\n${disclaimer}`)).toBe(`${OWN}\n\n`);
    const own = `${OWN}\n\n誤って注文履歴を削除してしまいました。`;
    expect(customerText(own)).toBe(own);
  });
});

describe('readCustomerText', () => {
  const body = `${OWN}\n\n2026年11月20日(金) 10:15 サポート <support@example.jp>:\n> お届け予定日は12月20日です。\n\n松井\n\nこのメールは機密情報を含む場合があります。誤って受信された場合は、お手数ですが削除のうえ送信者までご連絡ください。`;

  it('takes the quoted history and disclaimers the analysis found in the same body, and reads the same', async () => {
    const prepared = (await sharedEngine()).prepare({ body }).body;
    expect(prepared.history.length).toBeGreaterThan(0);
    expect(prepared.disclaimer.length).toBeGreaterThan(0);
    expect(readCustomerText(body, prepared)).toEqual(readCustomerText(body));
  });

  it('reads the body itself when the prepared text is of another body', async () => {
    const other = (await sharedEngine()).prepare({ body: OWN }).body;
    expect(readCustomerText(body, other)).toEqual(readCustomerText(body));
  });
});

describe('customerTextSigned', () => {
  it('keeps the name signed under a quote', () => {
    const body =
      '下記の件、再送いたします。\n\n----- Forwarded message -----\n> お見積もりをお願いします。\n\n有限会社アオバ設計　総務　工藤';
    expect(customerTextSigned(readCustomerText(body))).toMatch(/工藤$/u);
  });

  it('keeps a short last line signed under a forward', () => {
    const body = '返金をお願いします。\n\n----- 転送メッセージ -----\n件名：解約手続き完了のお知らせ\n解約手続きが完了しました。\n\n上田';
    expect(customerTextSigned(readCustomerText(body))).toMatch(/上田$/u);
  });

  it('keeps no signature of the shop under its quoted reply', () => {
    const body =
      '返金をお願いします。\n\n-----Original Message-----\nFrom: サポート <s@example.jp>\nSubject: Re: 返金\nTo: me@example.com\n\nご連絡ありがとうございます。返金につきましては確認中です。今しばらくお待ちください。\nサポートセンター 山田';
    expect(customerTextSigned(readCustomerText(body))).not.toContain('山田');
  });
});

describe('fromLineNames', () => {
  it('reads the customer’s own earlier mail by its From: line', () => {
    expect(fromLineNames('-----Original Message-----\nFrom: 長野 恵\nSent: …', '長野')).toBe(true);
    expect(fromLineNames('-----Original Message-----\nFrom: サポート <s@example.jp>', '長野')).toBe(false);
  });
});
