/**
 * Second-chance decoding of a Subject or From header that mailparser turned into U+FFFD: raw
 * 8-bit Shift_JIS in a header (no encoded words), or encoded words under a wrong charset label.
 * Used only on that failure path; the normal path is mailparser's RFC 2047 decoder.
 */
import { decodeTextBytes, singleByteTextToBytes, type DecodedText } from './charsets.js';

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/gu;

function encodedWordBytes(encoding: string, data: string): Uint8Array {
  if (encoding.toUpperCase() === 'B') return Buffer.from(data, 'base64');
  const binary = data.replace(/_/gu, ' ').replace(/=([0-9A-Fa-f]{2})/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(binary, 'latin1');
}

interface Segment {
  charset: string | undefined;
  bytes: Uint8Array[];
}

/**
 * Decodes one raw header line as mailparser's `headerLines` gives it (a binary string, one
 * character per byte). Adjacent encoded words in one charset are joined as bytes first, so a
 * character split across two words (which RFC 2047 forbids but mailers do) survives.
 */
export function decodeRawHeaderLine(binaryLine: string): DecodedText {
  const value = binaryLine.replace(/^[^:]*:[ \t]*/u, '').replace(/\r?\n(?=[ \t])/gu, '');
  const segments: Segment[] = [];
  const pushPlain = (text: string) => {
    if (text === '') return;
    segments.push({ charset: undefined, bytes: [singleByteTextToBytes(text) ?? Buffer.from(text, 'utf8')] });
  };
  let last = 0;
  for (const match of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, match.index);
    const previous = segments.at(-1);
    // whitespace between two encoded words is folding, not content (RFC 2047 section 6.2)
    const foldingOnly = previous?.charset !== undefined && /^\s*$/u.test(between);
    if (!foldingOnly) pushPlain(between);
    const charset = match[1]!.replace(/\*.*$/u, '');
    const bytes = encodedWordBytes(match[2]!, match[3]!);
    if (foldingOnly && previous.charset!.toLowerCase() === charset.toLowerCase()) previous.bytes.push(bytes);
    else segments.push({ charset, bytes: [bytes] });
    last = match.index + match[0].length;
  }
  pushPlain(value.slice(last));

  const decoded = segments.map((segment) => decodeTextBytes(Buffer.concat(segment.bytes), segment.charset));
  const problem = decoded.find((d) => d.problem)?.problem;
  const changed = decoded.find((d) => d.declaredCharset !== undefined || d.charset !== 'us-ascii');
  return {
    text: decoded
      .map((d) => d.text)
      .join('')
      .trim(),
    charset: changed?.charset ?? 'us-ascii',
    ...(problem ? { problem } : {}),
  };
}
