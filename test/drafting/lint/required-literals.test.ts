import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '../../../src/drafting/lint/required-literals.js';

describe('requiredLiterals', () => {
  it('takes a literal whole', () => {
    expect(requiredLiterals('ご確認ください')).toEqual(['ご確認ください']);
  });

  it('spells out a short run of alternatives and optional words', () => {
    expect(requiredLiterals('(?:ご用意|お取り扱い)(?:は|が)')?.sort()).toEqual(['お取り扱いが', 'お取り扱いは', 'ご用意が', 'ご用意は']);
    expect(requiredLiterals('再度、?お読み')?.sort()).toEqual(['再度、お読み', '再度お読み']);
  });

  it('keeps the shorter of two literals where one holds the other (確認 is in every ご確認)', () => {
    expect(requiredLiterals('(?:ご確認|確認)いただけ[^、。]{0,10}ません')).toEqual(['確認いただけ']);
  });

  it('skips what may match nothing: optional groups, negated classes, look-arounds', () => {
    expect(requiredLiterals('(?<!様)[^、。!?]{0,20}?(?:お客様)?のせいです(?![ねよ])')).toEqual(['のせいです']);
  });

  it('unions the literals of every branch of an alternation', () => {
    expect(requiredLiterals('(?:(?:a)c|b)')?.sort()).toEqual(['ac', 'b']);
  });

  it('requires nothing where a branch has no literal or the pattern is not read', () => {
    expect(requiredLiterals('(?:規約|[^、]{0,5})')).toBeUndefined();
    expect(requiredLiterals('(な)\\1')).toEqual(['な']);
    expect(requiredLiterals('(?:a|')).toBeUndefined();
  });
});
