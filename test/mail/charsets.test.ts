import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalCharset, decodeTextBytes, repairMisdecodedText } from '../../src/mail/charsets.js';
import { encodeText } from '../fixtures/mail/mail-encoders.js';

describe('canonicalCharset', () => {
  it.each([
    ['ISO-2022-JP-MS', 'iso-2022-jp'],
    ['csISO2022JP', 'iso-2022-jp'],
    ['CP50220', 'iso-2022-jp'],
    ['cp932', 'shift_jis'],
    ['Windows-31J', 'shift_jis'],
    ['MS_Kanji', 'shift_jis'],
    ['x-sjis', 'shift_jis'],
    ['eucJP-ms', 'euc-jp'],
    ['"UTF-8"', 'utf-8'],
  ])('reads %s as %s', (label, expected) => {
    expect(canonicalCharset(label)).toBe(expected);
  });

  it('knows no charset for a made-up label', () => {
    expect(canonicalCharset('x-mystery')).toBeUndefined();
  });
});

describe('decodeTextBytes', () => {
  it('reads CP932 ～ ∥ － ￢ as Windows users mean them (U+FF5E U+2225 U+FF0D U+FFE2)', () => {
    const decoded = decodeTextBytes(encodeText('～∥－￢', 'shift_jis'), 'Shift_JIS');
    expect([...decoded.text].map((ch) => ch.codePointAt(0)!.toString(16))).toEqual(['ff5e', '2225', 'ff0d', 'ffe2']);
  });

  it('reads NEC row 13 and IBM extensions in ISO-2022-JP (CP50220/CP50221)', () => {
    expect(decodeTextBytes(encodeText('①②㈱Ⅲ髙﨑', 'iso-2022-jp'), 'ISO-2022-JP').text).toBe('①②㈱Ⅲ髙﨑');
  });

  it('reads ESC ( I half-width katakana in ISO-2022-JP', () => {
    const bytes = encodeText('ｷｬﾝｾﾙ', 'iso-2022-jp');
    expect(bytes.includes(Buffer.from('\x1b(I'))).toBe(true);
    expect(decodeTextBytes(bytes, 'iso-2022-jp').text).toBe('ｷｬﾝｾﾙ');
  });

  it('recognises Shift_JIS bytes labelled ISO-8859-1 and says what was declared', () => {
    expect(decodeTextBytes(encodeText('返金してください。', 'shift_jis'), 'iso-8859-1')).toEqual({
      text: '返金してください。',
      charset: 'shift_jis',
      declaredCharset: 'iso-8859-1',
    });
  });

  it('recognises UTF-8 bytes labelled Shift_JIS', () => {
    expect(decodeTextBytes(encodeText('返金してください。', 'utf-8'), 'Shift_JIS')).toMatchObject({
      charset: 'utf-8',
      declaredCharset: 'Shift_JIS',
    });
  });

  it('keeps Shift_JIS half-width kana that happen to be valid UTF-8', () => {
    expect(decodeTextBytes(encodeText('ﾃｱ', 'shift_jis'), 'Shift_JIS').text).toBe('ﾃｱ');
  });

  it('keeps a real Latin-1 mail Latin-1 instead of reading it as Shift_JIS kanji', () => {
    const bytes = Buffer.from('Très élégant', 'latin1');
    expect(decodeTextBytes(bytes, 'iso-8859-1')).toEqual({ text: 'Très élégant', charset: 'windows-1252' });
  });

  it('reports an unknown label whose bytes are no Japanese charset', () => {
    const korean = iconv.encode('주문한 상품이 아직 도착하지 않았습니다.', 'euc-kr');
    const decoded = decodeTextBytes(korean, 'x-mystery');
    expect(decoded.problem?.code).toBe('unsupported-charset');
  });

  it('tolerates a stray invalid byte in a UTF-8 body', () => {
    const bytes = Buffer.concat([encodeText('返金してください。', 'utf-8'), Buffer.from([0xe3, 0x0a])]);
    expect(decodeTextBytes(bytes, 'utf-8')).toEqual({ text: '返金してください。\ufffd\n', charset: 'utf-8' });
  });

  it('recognises a mostly-ASCII Shift_JIS body labelled UTF-8', () => {
    expect(decodeTextBytes(encodeText('Order 123 至急', 'shift_jis'), 'utf-8')).toEqual({
      text: 'Order 123 至急',
      charset: 'shift_jis',
      declaredCharset: 'utf-8',
    });
  });

  it('reports 8-bit bytes without a label that fit no charset', () => {
    expect(decodeTextBytes(Buffer.from([0x82, 0xa0, 0xff, 0x81]), undefined).problem?.code).toBe('undecodable-body');
  });
});

describe('repairMisdecodedText', () => {
  it('decodes ISO-2022-JP left as escape sequences', () => {
    const escaped = encodeText('至急お願いします', 'iso-2022-jp').toString('latin1');
    expect(repairMisdecodedText(escaped)).toEqual({ text: '至急お願いします', charset: 'iso-2022-jp' });
  });

  it('undoes UTF-8 that was read as Windows-1252 upstream', () => {
    const mojibake = new TextDecoder('windows-1252').decode(encodeText('テストです', 'utf-8'));
    expect(repairMisdecodedText(mojibake)).toEqual({ text: 'テストです', charset: 'utf-8' });
  });

  it('leaves sound text alone', () => {
    expect(repairMisdecodedText('Café と 注文')).toBeUndefined();
  });
});
