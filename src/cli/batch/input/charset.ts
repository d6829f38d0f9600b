/**
 * The charset of a text export: UTF-8 (with or without a BOM) when the first megabyte decodes as
 * UTF-8, else CP932 — Excel and older Windows tools in Japan save Shift_JIS with the Windows
 * extensions (①, ㈱, 髙). JSON Lines and CSV are both read this way, so a Shift_JIS line is never
 * scored, or quoted in a skip message, as mojibake.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';

const SNIFF_BYTES = 1 << 20;

export async function sniffEncoding(path: string): Promise<'utf8' | 'cp932'> {
  const file = await open(path);
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    // stream: true lets a character cut at the end of the sample pass
    new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, bytesRead), { stream: bytesRead === SNIFF_BYTES });
    return 'utf8';
  } catch (error) {
    if (error instanceof TypeError) return 'cp932';
    throw error;
  } finally {
    await file.close();
  }
}

/** The file as text in its charset (an iconv-lite name). */
export function openText(path: string, charset: string): Readable {
  if (charset === 'utf8') return createReadStream(path, 'utf8');
  return Readable.from(decode(path, charset));
}

async function* decode(path: string, charset: string): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(charset);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
