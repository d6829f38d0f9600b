import { describe, expect, it } from 'vitest';
import { readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { maskPersonalData } from '../../src/feedback/mask/mask.js';
import { MASKING_CASES } from './masking-corpus.js';
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

/**
 * Detectors written independently of the masker (simpler and broader): what they find in a masked
 * fixture mail is a leak. Role words before 様/さん are not names.
 */
const ROLES = /^(?:お?客|ご?担当者?|皆|みな|運営|出品者|購入者|依頼者|翻訳者|デザイナー|スタッフの皆|[^\s]*(?:事務局|部|課|社|店|者))$/u;
const LEAKS: Array<[string, (text: string) => string | undefined]> = [
  ['mail address', (t) => /[\w.+-]+@[\w-]+\.[\w.]+/u.exec(t)?.[0]],
  ['URL', (t) => /https?:\/\/\S+|www\.\S+/iu.exec(t)?.[0]],
  ['phone', (t) => /0\d{1,4}-[\dXx]{1,4}-[\dXx]{3,4}|0[789]0\d{8}/u.exec(t)?.[0]],
  ['postcode', (t) => /〒\s?\d|\d{3}-\d{4}(?!\d)/u.exec(t)?.[0]],
  ['card', (t) => /\d{4}[ -]\d{4}[ -]\d{4}/u.exec(t)?.[0]],
  [
    'labelled reference',
    (t) => /(?:注文|取引|会員|契約|予約|受付|申込|お客様|証券|伝票)(?:番号|ID)\s*[:：は]?\s*#?[A-Za-z0-9]/u.exec(t)?.[0],
  ],
  ['bare reference', (t) => /[A-Z]{1,4}-\d{4,}(?![A-Za-z0-9])/u.exec(t)?.[0]], // not model numbers (MB-10000P)
  ['self-introduction', (t) => /[一-龥ァ-ヴ]{1,4}\s?と申します/u.exec(t)?.[0]],
  [
    'salutation',
    (t) => {
      const first =
        t
          .split('\n')
          .find((line) => line.trim() !== '')
          ?.trim() ?? '';
      const m = /^([一-龥ァ-ヴぁ-ゖー]{1,8})\s?(?:様|さま|さん|殿)$/u.exec(first);
      return m && !ROLES.test(m[1]!) ? first : undefined;
    },
  ],
  ['honorific in the text', (t) => [...t.matchAll(/(?:担当の|添乗員の)([一-龥]{1,4})(?:様|さん|先生)/gu)].map((m) => m[0])[0]],
  [
    'signature name',
    (t) => {
      const last =
        t
          .split('\n')
          .filter((line) => line.trim() !== '')
          .at(-1)
          ?.trim() ?? '';
      return /^[一-龥]{1,4}(?:[ 　][一-龥]{1,4})?$/u.test(last) && !/^(?:敬具|草々|以上|不一)$/u.test(last) ? last : undefined;
    },
  ],
];

describe('maskPersonalData on the labelled fixture mails', () => {
  const mails = maskableFixtureFiles().flatMap((file) => readJsonLines<LabelledMail>(file));

  it('reads every development and held-out mail set but the untouched one', () => {
    expect(mails.length).toBeGreaterThan(400);
  });

  it('leaves nothing any leak detector finds', () => {
    const leaks: string[] = [];
    for (const mail of mails) {
      for (const field of [mail.subject ?? '', mail.body]) {
        const { text } = maskPersonalData(field);
        for (const [kind, detect] of LEAKS) {
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
