import { describe, expect, it } from 'vitest';
import { normalizeText, toOriginalRange } from '../../src/analysis/normalize.js';

function originalOf(original: string, normalizedStart: number, normalizedEnd: number): string {
  const [s, e] = toOriginalRange(normalizeText(original), normalizedStart, normalizedEnd);
  return original.slice(s, e);
}

describe('normalizeText', () => {
  it('turns full-width ASCII and digits into ASCII', () => {
    expect(normalizeText('ＡＢＣ１２３！').text).toBe('ABC123!');
  });

  it('joins half-width kana with their voicing marks', () => {
    const n = normalizeText('ｶﾞｯｶﾘです');
    expect(n.text).toBe('ガッカリです');
    expect(originalOf('ｶﾞｯｶﾘです', 0, 1)).toBe('ｶﾞ');
  });

  it('unifies long-vowel look-alikes after kana and collapses their runs', () => {
    expect(normalizeText('まだですか〜〜〜').text).toBe('まだですかー');
    expect(normalizeText('すみませーーーん').text).toBe('すみませーん');
    expect(normalizeText('A-1').text).toBe('A-1');
  });

  it('collapses repeated punctuation but maps the one left back to the whole run', () => {
    const original = 'ふざけるな！！！どういうこと？？';
    const n = normalizeText(original);
    expect(n.text).toBe('ふざけるな!どういうこと?');
    const bang = n.text.indexOf('!');
    expect(originalOf(original, bang, bang + 1)).toBe('！！！');
  });

  it('maps every normalised range back onto the original text', () => {
    const original = 'ｺﾝﾆﾁﾊ、１１月２０日に注文😡した件';
    const n = normalizeText(original);
    const at = n.text.indexOf('11月20日');
    expect(originalOf(original, at, at + '11月20日'.length)).toBe('１１月２０日');
    const emoji = n.text.indexOf('😡');
    expect(originalOf(original, emoji, emoji + 2)).toBe('😡');
    expect(n.originStart.length).toBe(n.text.length);
  });

  it('keeps a lone combining mark without losing offsets', () => {
    const original = '\u3099テスト';
    const n = normalizeText(original);
    expect(n.originEnd[n.text.length - 1]).toBe(original.length);
  });
});
