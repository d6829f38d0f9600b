import { describe, expect, it } from 'vitest';
import { readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { maskPersonalData } from '../../src/feedback/mask/mask.js';
import { LEAKS, MASKING_CASES, SUBJECT_LEAKS } from './masking-corpus.js';
import { maskableFixtureFiles } from './fixture-files.js';

describe('maskPersonalData on the tricky-case corpus', () => {
  it.each(MASKING_CASES.map((c) => [c.name, c] as const))('%s: no personal data survives', (_name, c) => {
    const { text } = maskPersonalData(c.text);
    for (const secret of c.secrets) expect(text, `${secret} survived in ${text}`).not.toContain(secret.normalize('NFKC'));
    for (const word of c.keep ?? []) expect(text).toContain(word);
    expect(text).toMatch(/〔[^〕]+〕/u);
  });

  it('counts what it masked by kind, never keeping the values', () => {
    const result = maskPersonalData('山田です。電話 090-1234-5678、メール a.b@example.jp、注文番号：ZK-0091');
    expect(result.masked).toEqual({ phone: 1, email: 1, order: 1, name: 1 });
    expect(JSON.stringify(result.masked)).not.toMatch(/\d{4}|example|山田/u);
  });

  it('leaves a mail without personal data as it was (NFKC aside)', () => {
    const text = '注文した商品がまだ届きません。いつ届くのか教えてください。3,240円のお支払いは済んでいます。';
    expect(maskPersonalData(text).text).toBe(text);
  });

  it('is linear: a 100 KB mail of digits, dashes and @ is masked in well under a second', () => {
    const hostile = '0-'.repeat(20_000) + '@a.'.repeat(10_000) + '様'.repeat(10_000) + '株式会社 '.repeat(2_000);
    const started = performance.now();
    maskPersonalData(hostile);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('maskPersonalData on a subject', () => {
  // A subject has no signature: a one-word topic is not a name line.
  it.each(['定期便', '領収書', '御礼', '解約方法', 'チャットログ', 'シャワー'])('keeps the one-word subject 「%s」', (subject) => {
    expect(maskPersonalData(subject, 'subject')).toEqual({ text: subject, masked: {} });
  });

  it('still reads a one-word last line of a body as a signature name', () => {
    expect(maskPersonalData('いつもお世話になっております。\n次回の定期便をスキップしたいです。\n藤井').text).not.toContain('藤井');
  });

  // The word that says what a masked reference is for is a label, not a name; a name beside a masked
  // phone number still is one.
  it.each([
    ['商品が届きません。\n注文 #A3K-9921', '商品が届きません。\n注文 #〔注文番号〕'],
    ['日程を変更したいです。\nご予約 12345678\n藤井', '日程を変更したいです。\nご予約 〔注文番号〕\n〔氏名〕'],
    ['届いていません。\n山田 090-1234-5678', '届いていません。\n〔氏名〕 〔電話番号〕'],
  ])('reads the last lines of 「%s」 as labels and names', (body, masked) => {
    expect(maskPersonalData(body).text).toBe(masked);
  });

  it.each([
    ['山田様の件', '〔氏名〕様の件'],
    ['田中です、注文について', '〔氏名〕です、注文について'],
    ['佐々木と申します 返品のお願い', '〔氏名〕と申します 返品のお願い'],
    ['担当の高橋さんへお礼', '担当の〔氏名〕さんへお礼'],
  ])('masks the name in 「%s」 by the honorific and self-introduction rules', (subject, masked) => {
    expect(maskPersonalData(subject, 'subject')).toEqual({ text: masked, masked: { name: 1 } });
  });

  it('masks contact data in a subject as in a body', () => {
    expect(maskPersonalData('注文番号：ZK-0091 の返品', 'subject').text).not.toContain('ZK-0091');
  });
});

describe('maskPersonalData on the labelled fixture mails', () => {
  const mails = maskableFixtureFiles().flatMap((file) => readJsonLines<LabelledMail>(file));

  it('reads every development and held-out mail set but the untouched one', () => {
    expect(mails.length).toBeGreaterThan(400);
  });

  it('leaves nothing any leak detector finds', () => {
    const leaks: string[] = [];
    for (const mail of mails) {
      for (const [field, part, detectors] of [
        [mail.subject ?? '', 'subject', SUBJECT_LEAKS],
        [mail.body, 'body', LEAKS],
      ] as const) {
        const { text } = maskPersonalData(field, part);
        for (const [kind, detect] of detectors) {
          const found = detect(text);
          if (found) leaks.push(`${mail.id} ${kind}: ${found}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('the detectors do find the personal data in the unmasked mails (they are not blind)', () => {
    const kinds = new Set<string>();
    for (const mail of mails) for (const [kind, detect] of LEAKS) if (detect(mail.body)) kinds.add(kind);
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['labelled reference', 'phone', 'postcode', 'salutation', 'self-introduction', 'signature name']),
    );
  });
});
