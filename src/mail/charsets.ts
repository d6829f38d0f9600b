/**
 * Turns the bytes of one text part (or one raw header) into a string: resolves the many labels
 * Japanese mailers use, and recognises bytes whose declared charset is wrong instead of silently
 * turning them into mojibake.
 *
 * Decoding uses the WHATWG decoders built into Node (TextDecoder, full ICU). Their Japanese
 * tables are the Windows ones: CP932's NEC row 13 (①㈱Ⅲ), NEC-selected and IBM extensions (髙),
 * and ～ ∥ － ￢ decode to U+FF5E U+2225 U+FF0D U+FFE2, as Outlook and Windows users mean them.
 */

export type CharsetProblem = 'unsupported-charset' | 'undecodable-body';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the charset the bytes were decoded with. */
  charset: string;
  /** The label the mail declared, when it differs from what the bytes turned out to be. */
  declaredCharset?: string;
  /** Set when no charset fits: `text` is then a lossy decode with U+FFFD in it. */
  problem?: { code: CharsetProblem; detail: string };
}

/**
 * Labels TextDecoder does not know but Japanese mail carries. Keys are lowercased with
 * punctuation removed, so "ISO-2022-JP-MS", "iso_2022_jp_ms" and "iso2022jpms" meet.
 */
const JAPANESE_LABEL_ALIASES: Record<string, string> = {
  // ISO-2022-JP with Windows extensions (CP50220/50221/50222, "-ms"): the WHATWG decoder already
  // reads NEC/IBM rows and ESC ( I half-width katakana.
  iso2022jpms: 'iso-2022-jp',
  iso2022jp1: 'iso-2022-jp',
  iso2022jp2: 'iso-2022-jp',
  iso2022jp3: 'iso-2022-jp',
  cp50220: 'iso-2022-jp',
  cp50221: 'iso-2022-jp',
  cp50222: 'iso-2022-jp',
  xcp50220: 'iso-2022-jp',
  xcp50221: 'iso-2022-jp',
  xcp50222: 'iso-2022-jp',
  jis: 'iso-2022-jp',
  jis7: 'iso-2022-jp',
  // Shift_JIS family: WHATWG's shift_jis *is* Windows-31J (CP932)
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  windows932: 'shift_jis',
  xmscp932: 'shift_jis',
  sjiswin: 'shift_jis',
  sjisopen: 'shift_jis',
  xsjiscp932: 'shift_jis',
  shiftjis2004: 'shift_jis',
  shiftjisx0213: 'shift_jis',
  // EUC-JP family
  eucjpms: 'euc-jp',
  eucjpwin: 'euc-jp',
  eucjpopen: 'euc-jp',
  cp51932: 'euc-jp',
  xeucjpms: 'euc-jp',
  eucjis2004: 'euc-jp',
};

const JAPANESE_LEGACY = new Set(['iso-2022-jp', 'shift_jis', 'euc-jp']);

/** The WHATWG encoding name for a mail charset label, or undefined when nothing decodes it. */
export function canonicalCharset(label: string): string | undefined {
  const trimmed = label.trim().replace(/^["']|["']$/g, '');
  const alias = JAPANESE_LABEL_ALIASES[trimmed.toLowerCase().replace(/[^a-z0-9]/g, '')];
  if (alias) return alias;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return undefined;
  }
}

function decodeStrict(bytes: Uint8Array, charset: string): string | undefined {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeLossy(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(bytes);
}

const KANA = /[\u3041-\u3096\u30a1-\u30fa\u30fc]/gu;
const JAPANESE_CHAR =
  /[\u3000-\u303f\u3041-\u3096\u309b-\u309e\u30a1-\u30fe\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6\u2460-\u24ff\u3200-\u32ff\u3300-\u33ff\u2150-\u218f\u2010-\u2027\u2030-\u203b\u2190-\u22ff\u25a0-\u25ff\u2600-\u26ff\u00a7\u00a8\u00b0\u00b1\u00b4\u00b6\u00d7\u00f7]/u;
const HALFWIDTH_KANA = /[\uff61-\uff9f]/u;
// C0 controls other than tab/newlines, C1 controls and U+FFFD never occur in real text
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const GARBAGE_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/u;

/**
 * How much a decoded string looks like Japanese prose: 0 for garbage, higher is better. Reading
 * EUC-JP as Shift_JIS gives half-width katakana soup and reading Latin-1 as Shift_JIS gives stray
 * kanji, so kana and a high share of Japanese characters are what tell the right reading apart.
 */
export function japaneseScore(text: string, options: { allowKanjiOnly?: boolean } = {}): number {
  let nonAscii = 0;
  let japanese = 0;
  let halfwidth = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80 && !GARBAGE_CHAR.test(ch)) continue;
    if (GARBAGE_CHAR.test(ch)) return 0;
    nonAscii++;
    if (HALFWIDTH_KANA.test(ch)) halfwidth++;
    else if (JAPANESE_CHAR.test(ch)) japanese++;
  }
  if (nonAscii === 0) return 0;
  const share = (japanese + halfwidth * 0.5) / nonAscii;
  if (share < 0.9) return 0;
  const kana = text.match(KANA)?.length ?? 0;
  // A short all-kanji string ("至急") is plausible, but so is Latin-1 read as Shift_JIS
  // ("Très" → "T蕃s"): without kana, only accept it where Latin-1 was never an option.
  if (kana === 0 && (nonAscii > 8 || !options.allowKanjiOnly)) return 0;
  return share + kana / nonAscii;
}

/** Valid UTF-8 with at least one multi-byte sequence: legacy Japanese bytes almost never are. */
function decodeAsUtf8IfMultibyte(bytes: Uint8Array): string | undefined {
  if (!bytes.some((b) => b >= 0x80)) return undefined;
  const text = decodeStrict(bytes, 'utf-8');
  return text !== undefined && !GARBAGE_CHAR.test(text) ? text : undefined;
}

/**
 * Tries the Japanese charsets on bytes whose label lied, and keeps the most Japanese reading.
 * `labelWasSingleByte`: the mail claimed Latin-1 or the like, which real Latin text can be.
 */
function sniffJapanese(bytes: Uint8Array, labelWasSingleByte: boolean): { text: string; charset: string } | undefined {
  const utf8 = decodeAsUtf8IfMultibyte(bytes);
  if (utf8 !== undefined) return { text: utf8, charset: 'utf-8' };
  let best: { text: string; charset: string; score: number } | undefined;
  for (const charset of ['iso-2022-jp', 'euc-jp', 'shift_jis']) {
    if (charset === 'iso-2022-jp' && !bytes.includes(0x1b)) continue;
    const text = decodeStrict(bytes, charset);
    if (text === undefined) continue;
    const score = japaneseScore(text, { allowKanjiOnly: !labelWasSingleByte });
    if (score > 0 && (!best || score > best.score)) best = { text, charset, score };
  }
  return best && { text: best.text, charset: best.charset };
}

/** At most one in ten non-ASCII characters is U+FFFD: UTF-8 with a damaged byte or two. */
function isMostlyValidUtf8(text: string): boolean {
  const bad = countReplacementChars(text);
  let nonAscii = 0;
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80) nonAscii++;
  return bad <= Math.max(1, nonAscii * 0.1);
}

function isAscii(bytes: Uint8Array): boolean {
  return !bytes.some((b) => b >= 0x80 || b === 0x1b);
}

/**
 * Decodes a text part. `declared` is the part's charset parameter (undefined when absent, which
 * RFC 2045 says means US-ASCII; 8-bit bytes there are read as UTF-8, as mail clients do).
 * Never throws: a failure is reported in `problem`.
 */
export function decodeTextBytes(bytes: Uint8Array, declared: string | undefined): DecodedText {
  const label = declared?.trim() || undefined;
  const canonical = label === undefined ? 'utf-8' : canonicalCharset(label);
  const mislabelled = (text: string, charset: string): DecodedText =>
    label !== undefined && canonical === charset ? { text, charset } : { text, charset, declaredCharset: label ?? '(none)' };

  if (bytes.includes(0x1b) && !bytes.some((b) => b >= 0x80)) {
    // 7-bit with escape sequences is ISO-2022-JP whatever the label says (Outlook omits it)
    const text = decodeStrict(bytes, 'iso-2022-jp');
    if (text !== undefined) return mislabelled(text, 'iso-2022-jp');
  }
  if (isAscii(bytes)) {
    const charset = label === undefined || canonical === undefined || canonical === 'windows-1252' ? 'us-ascii' : canonical;
    return { text: decodeLossy(bytes, 'utf-8'), charset };
  }

  if (canonical === 'utf-8') {
    // a stray bad byte (a gateway cut a character) is tolerated: sniffing would read the whole
    // body as Shift_JIS mojibake ("縺ゅ…"), which is worse than one U+FFFD
    const text = decodeLossy(bytes, 'utf-8');
    if (isMostlyValidUtf8(text)) return { text, charset: 'utf-8' };
  } else if (canonical !== undefined && JAPANESE_LEGACY.has(canonical)) {
    // UTF-8 sent under a Japanese label (web forms do this) would decode "successfully" as kanji
    // soup; the score check keeps Shift_JIS half-width kana that happen to be valid UTF-8 ("ﾃｱ" = "ñ")
    const utf8 = decodeAsUtf8IfMultibyte(bytes);
    if (utf8 !== undefined && japaneseScore(utf8, { allowKanjiOnly: true }) > 0) return mislabelled(utf8, 'utf-8');
    const text = decodeStrict(bytes, canonical);
    if (text !== undefined) return { text, charset: canonical };
  }

  const labelWasSingleByte = canonical !== undefined && canonical !== 'utf-8' && !JAPANESE_LEGACY.has(canonical);
  const sniffed = sniffJapanese(bytes, labelWasSingleByte);
  if (sniffed) return mislabelled(sniffed.text, sniffed.charset);

  if (labelWasSingleByte) {
    // a genuine non-Japanese charset (a Latin-1 mail, say): single-byte decoders cannot fail
    return { text: decodeLossy(bytes, canonical), charset: canonical };
  }
  const text = decodeLossy(bytes, canonical ?? 'utf-8');
  const result: DecodedText = { text, charset: canonical ?? 'utf-8', ...(canonical === undefined ? { declaredCharset: label } : {}) };
  if (!isReplacementHeavy(text)) return result;
  const problem: DecodedText['problem'] =
    canonical === undefined
      ? { code: 'unsupported-charset', detail: `unknown charset "${label}", and the bytes are not UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP` }
      : {
          code: 'undecodable-body',
          detail: `bytes are not valid ${label ?? 'US-ASCII (no charset given)'}, nor UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP`,
        };
  return { ...result, problem };
}

const REPLACEMENT = /\ufffd/gu;

/** U+FFFD count: what every lossy decoder leaves where bytes did not fit. */
export function countReplacementChars(text: string): number {
  return text.match(REPLACEMENT)?.length ?? 0;
}

/**
 * Whether decoded text is too damaged to score: a stray U+FFFD from a sloppy client is tolerated,
 * a body where whole sentences became U+FFFD is not.
 */
export function isReplacementHeavy(text: string): boolean {
  const count = countReplacementChars(text);
  return count >= 3 || (count > 0 && count / Math.max(1, text.replace(/\s/gu, '').length) > 0.2);
}

// eslint-disable-next-line no-control-regex -- ISO-2022-JP switches charsets with ESC sequences
const ISO2022JP_ESCAPE = /\x1b\$[@B]|\x1b\([BJI]/u;

// Windows-1252 maps 0x80–0x9F to scattered code points; the reverse table lets text that was
// decoded as "Latin-1" (which WHATWG means as windows-1252) be turned back into its bytes.
const WINDOWS_1252_BYTE = new Map<string, number>();
for (let byte = 0x80; byte <= 0x9f; byte++) {
  WINDOWS_1252_BYTE.set(new TextDecoder('windows-1252').decode(Uint8Array.of(byte)), byte);
}

/** The bytes behind text that was decoded one byte per character, or undefined if it was not. */
export function singleByteTextToBytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = code <= 0xff ? code : WINDOWS_1252_BYTE.get(text[i]!);
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

const DOUBLE_ENCODED_UTF8 = /[\u00c2-\u00f4][\u0080-\u00bf\u2013-\u203a\u0152-\u017e\u02c6\u02dc\u20ac\u2122]/gu;

/**
 * Repairs text a parser decoded with the wrong charset while the bytes are still recoverable:
 * ISO-2022-JP left as raw escape sequences (a JIS body sent without a charset parameter, as
 * Outlook does), and UTF-8 that was read as Latin-1 somewhere upstream ("ãƒ†ã‚¹ãƒˆ").
 * Returns undefined when the text needs no repair or cannot be repaired.
 */
export function repairMisdecodedText(text: string): { text: string; charset: string } | undefined {
  if (ISO2022JP_ESCAPE.test(text)) {
    const bytes = singleByteTextToBytes(text);
    const repaired = bytes && decodeStrict(bytes, 'iso-2022-jp');
    if (repaired !== undefined) return { text: repaired, charset: 'iso-2022-jp' };
  }
  if ((text.match(DOUBLE_ENCODED_UTF8)?.length ?? 0) >= 2) {
    const bytes = singleByteTextToBytes(text);
    const repaired = bytes && decodeStrict(bytes, 'utf-8');
    if (repaired !== undefined && japaneseScore(repaired, { allowKanjiOnly: true }) > 0) return { text: repaired, charset: 'utf-8' };
  }
  return undefined;
}
